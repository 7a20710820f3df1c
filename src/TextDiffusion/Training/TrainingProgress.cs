namespace TextDiffusion.Training;

/// <summary>A snapshot of a training run, reported every few steps (the CLI draws it as a progress bar).</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan Elapsed)
{
    public TimeSpan Eta => StepsPerSecond > 0 ? TimeSpan.FromSeconds((TotalSteps - Step) / StepsPerSecond) : TimeSpan.Zero;

    public override string ToString() =>
        $"step {Step}/{TotalSteps}  loss {Loss:F4}  lr {LearningRate:G3}  {StepsPerSecond:F1} steps/s  eta {Eta:mm\\:ss}";
}
