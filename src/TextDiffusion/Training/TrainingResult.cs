namespace TextDiffusion.Training;

/// <summary>What a training run did: the loss curve (step, mean loss since the last log), wall time.</summary>
public sealed record TrainingResult(IReadOnlyList<(int Step, double Loss)> LossCurve, int StepsRun, int FinalStep, double WallSeconds)
{
    public double FinalLoss => LossCurve.Count > 0 ? LossCurve[^1].Loss : double.NaN;
}
