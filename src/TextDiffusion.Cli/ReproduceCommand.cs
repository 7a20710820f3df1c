using System.CommandLine;
using System.Globalization;
using NotebookRunner;
using Spectre.Console;
using TextDiffusion.Reporting;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td reproduce [notebook...] [--profile smoke|cpu|paper] [--echo]</c>: runs the paper notebooks
/// headlessly, in place (all of notebooks/ in name order by default), showing progress per cell,
/// and stops at the first failing cell. <c>--echo</c> also prints what each cell writes while it runs
/// (training progress of long cells), with one line per finished cell instead of the progress bar.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var notebooks = NotebookArgument.Create("notebook",
            "Notebooks to run (default: every notebooks/*.ipynb of the repository, in name order).", ArgumentArity.ZeroOrMore);
        var profile = CommonOptions.Profile();
        var echo = new Option<bool>("--echo")
        {
            Description = "Also print each cell's output (e.g. training progress) while it runs; one line per finished cell instead of a progress bar.",
        };

        var command = new Command("reproduce", "Run the reproduction notebooks in place and write their outputs (tables and charts under results/).")
        {
            notebooks,
            profile,
            echo,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(console, parse.GetValue(notebooks) ?? [], parse.GetValue(profile), parse.GetValue(echo), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, FileInfo[] requested, string? profileName, bool echo, CancellationToken cancellationToken)
    {
        Profile profile;
        try
        {
            profile = profileName is null ? Profile.Current : Profile.Parse(profileName);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }

        var notebooks = requested.Length > 0 ? requested.Select(f => f.FullName).ToList() : DefaultNotebooks();
        if (notebooks.Count == 0)
        {
            console.MarkupLine("[yellow]No notebooks to run[/] (notebooks/*.ipynb is empty).");
            return 0;
        }

        console.MarkupLineInterpolated($"Reproducing {notebooks.Count} notebook(s) with profile [bold]{profile.Name}[/].");
        var results = new List<NotebookRunResult>();
        var executor = new NotebookExecutor();
        var options = new NotebookRunOptions(Profile: profile.Name, EchoOutput: echo);
        try
        {
            if (console.Profile.Capabilities.Interactive && !echo)
            {
                await console.Progress()
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(context => RunAllAsync(executor, notebooks, options, results, name =>
                    {
                        var task = context.AddTask(Markup.Escape(name), maxValue: 1);
                        return progress =>
                        {
                            task.MaxValue = progress.CodeCellCount;
                            task.Description = Markup.Escape($"{name}  cell {progress.CodeCellIndex}/{progress.CodeCellCount}");
                            if (progress.IsFinished)
                            {
                                task.Increment(1);
                            }
                        };
                    }, cancellationToken));
            }
            else
            {
                // Logs (CI) and echoed output get one line per finished cell instead of a redrawn progress bar.
                await RunAllAsync(executor, notebooks, options, results, name => progress =>
                {
                    if (progress.IsFinished)
                    {
                        console.MarkupLineInterpolated(
                            $"{name}  cell {progress.CodeCellIndex}/{progress.CodeCellCount}  {(progress.Succeeded == true ? "done" : "FAILED")} in {progress.WallSeconds?.ToString("F3", CultureInfo.InvariantCulture)} s");
                    }
                }, cancellationToken);
            }
        }
        catch (InvalidDataException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }

        console.Write(Summary(results));
        if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {failed.Failure!.Describe(failed.NotebookPath)}");
            foreach (var line in failed.Failure.Traceback.Take(12))
            {
                console.MarkupLineInterpolated($"    [grey]{line}[/]");
            }

            console.MarkupLineInterpolated($"The error is recorded in cell {failed.Failure.CellNumber} of {failed.OutputPath}.");
            return 1;
        }

        return 0;
    }

    /// <summary>Runs the notebooks in order until one fails; <paramref name="reporterFor"/> makes the progress callback for each.</summary>
    private static async Task RunAllAsync(
        NotebookExecutor executor,
        IReadOnlyList<string> notebooks,
        NotebookRunOptions options,
        List<NotebookRunResult> results,
        Func<string, Action<CellProgress>> reporterFor,
        CancellationToken cancellationToken)
    {
        foreach (var path in notebooks)
        {
            var result = await executor.RunAsync(
                path, options, reporterFor(Path.GetFileName(path)), cancellationToken);
            results.Add(result);
            if (!result.Succeeded)
            {
                return;
            }
        }
    }

    private static List<string> DefaultNotebooks()
    {
        var root = ResultPaths.FindRepositoryRoot() ?? Environment.CurrentDirectory;
        var folder = Path.Combine(root, "notebooks");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList()
            : [];
    }

    private static Table Summary(IEnumerable<NotebookRunResult> results)
    {
        var table = new Table().AddColumns("Notebook", "Code cells", "Seconds", "Status");
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(Path.GetFileName(result.NotebookPath)),
                $"{result.CellsExecuted}/{result.CodeCellCount}",
                result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                result.Succeeded ? "[green]ok[/]" : $"[red]failed at cell {result.Failure!.CellNumber}[/]");
        }

        return table;
    }
}
