using System.Diagnostics;

namespace TextDiffusion.Training;

/// <summary>
/// Prints training progress as lines, synchronously (a notebook cell's output keeps its order): about
/// <paramref name="lines"/> lines over the run, and at least one every <paramref name="everySeconds"/>
/// seconds, so a run cut short by a wall-clock budget still shows its course.
/// </summary>
public sealed class ConsoleProgress(string label = "train", int lines = 8, double everySeconds = 60) : IProgress<TrainingProgress>
{
    readonly Stopwatch sinceLast = Stopwatch.StartNew();
    int printed;

    public void Report(TrainingProgress p)
    {
        int due = (int)((long)p.Step * lines / Math.Max(1, p.TotalSteps));
        if (due < printed && p.Step != p.TotalSteps && sinceLast.Elapsed.TotalSeconds < everySeconds) return;
        printed = Math.Max(printed, due + 1);
        sinceLast.Restart();
        Console.WriteLine($"{label}: {p}");
    }
}
