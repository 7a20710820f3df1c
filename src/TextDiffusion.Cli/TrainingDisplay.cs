using Spectre.Console;
using TextDiffusion.Training;

namespace TextDiffusion.Cli;

/// <summary>
/// Shows a training run: a Spectre progress bar with loss, steps/s and ETA on a terminal, or one
/// line per report when the output is redirected (CI logs).
/// </summary>
internal static class TrainingDisplay
{
    public static T Run<T>(IAnsiConsole console, string title, int totalSteps, Func<IProgress<TrainingProgress>, T> train)
    {
        if (!console.Profile.Capabilities.Interactive)
            return train(new Reporter(p => console.WriteLine($"{title}: {p}")));
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: totalSteps);
                result = train(new Reporter(p =>
                {
                    task.Value = p.Step;
                    task.Description = $"{title}  loss {p.Loss:F3}  {p.StepsPerSecond:F1} it/s";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
