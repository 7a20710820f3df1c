namespace TextDiffusion.Training;

/// <summary>A snapshot of a training run, reported every few steps (the CLI draws it as a progress bar).</summary>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, double LearningRate, double StepsPerSecond, TimeSpan Elapsed)
{
    public TimeSpan Eta => StepsPerSecond > 0 ? TimeSpan.FromSeconds((TotalSteps - Step) / StepsPerSecond) : TimeSpan.Zero;

    /// <summary>The time left as h:mm:ss (m:ss under an hour): a TimeSpan's "mm:ss" drops whole hours.</summary>
    public string EtaText => Eta.TotalHours >= 1 ? $"{(int)Eta.TotalHours}:{Eta:mm\\:ss}" : $"{(int)Eta.TotalMinutes}:{Eta:ss}";

    public override string ToString() =>
        $"step {Step}/{TotalSteps}  loss {Loss:F4}  lr {LearningRate:G3}  {StepsPerSecond:F1} steps/s  eta {EtaText}";
}

/// <summary>
/// Reports training progress by calling <paramref name="report"/> on the training thread, in order (Progress&lt;T&gt;
/// would post each report to a synchronisation context or the thread pool, and lines could come out of order).
/// </summary>
public sealed class ProgressCallback(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
