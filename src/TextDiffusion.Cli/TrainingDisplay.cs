using Spectre.Console;
using TextDiffusion.Training;

namespace TextDiffusion.Cli;

/// <summary>
/// Shows a training run: a Spectre progress bar with loss, steps/s and ETA on a terminal, or one
/// line per report when the output is redirected (CI logs).
/// </summary>
internal static class TrainingDisplay
{
    /// <param name="seconds">A wall-clock budget: the bar then measures time, not steps.</param>
    public static T Run<T>(IAnsiConsole console, string title, int totalSteps, Func<IProgress<TrainingProgress>, T> train, double? seconds = null)
    {
        if (!console.Profile.Capabilities.Interactive)
            return train(new ProgressCallback(p => console.WriteLine($"{title}: {p}")));
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: seconds ?? totalSteps);
                result = train(new ProgressCallback(p =>
                {
                    task.Value = seconds is null ? p.Step : Math.Min(p.Elapsed.TotalSeconds, seconds.Value);
                    task.Description = $"{title}  loss {p.Loss:F3}  {p.StepsPerSecond:F1} it/s";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
