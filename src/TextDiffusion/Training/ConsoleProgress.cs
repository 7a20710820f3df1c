namespace TextDiffusion.Training;

/// <summary>
/// Prints training progress as lines (synchronously, so a notebook cell's output keeps its order),
/// at most <paramref name="lines"/> of them over the run.
/// </summary>
public sealed class ConsoleProgress(string label = "train", int lines = 8) : IProgress<TrainingProgress>
{
    int printed;

    public void Report(TrainingProgress p)
    {
        int due = (int)((long)p.Step * lines / Math.Max(1, p.TotalSteps));
        if (due < printed && p.Step != p.TotalSteps) return;
        printed = due + 1;
        Console.WriteLine($"{label}: {p}");
    }
}
