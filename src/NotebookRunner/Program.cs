using System.CommandLine;
using System.Globalization;

namespace NotebookRunner;

/// <summary>
/// <c>NotebookRunner &lt;notebook.ipynb&gt;... [--output PATH | --in-place] [--profile smoke|cpu|paper] [--echo]</c>:
/// runs notebooks headlessly and exits non-zero on the first failing cell.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => BuildCommand().Parse(args).InvokeAsync();

    internal static RootCommand BuildCommand()
    {
        var notebooks = NotebookArgument.Create("notebooks", "Notebooks (.ipynb) to run, in order.", ArgumentArity.OneOrMore);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the executed notebook here instead of in place (a directory when several notebooks are given).",
        };
        var inPlace = new Option<bool>("--in-place")
        {
            Description = "Overwrite each notebook with its executed version (the default).",
        };
        var profile = new Option<string?>("--profile")
        {
            Description = $"Experiment profile, exported as {NotebookRunOptions.ProfileVariable} for the run (default: the variable's value, else cpu).",
        };
        profile.AcceptOnlyFromAmong([.. NotebookRunOptions.KnownProfiles]);
        var echo = new Option<bool>("--echo")
        {
            Description = "Also print cell output to the console while it runs.",
        };

        var command = new RootCommand("Runs C# Polyglot notebooks headlessly and writes their outputs back.")
        {
            notebooks, output, inPlace, profile, echo,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(output) is not null && result.GetResult(inPlace) is not null)
            {
                result.AddError("--output and --in-place cannot be used together.");
            }
        });

        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(notebooks),
            parse.GetValue(output),
            parse.GetValue(profile),
            parse.GetValue(echo),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo[] notebooks, string? output, string? profile, bool echo, CancellationToken cancellationToken)
    {
        var executor = new NotebookExecutor();
        foreach (var notebook in notebooks)
        {
            var options = new NotebookRunOptions(OutputFor(notebook, output, notebooks.Length), profile, echo);
            Console.WriteLine($"{notebook.Name}: running");
            NotebookRunResult result;
            try
            {
                result = await executor.RunAsync(notebook.FullName, options, Report, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            if (!result.Succeeded)
            {
                await Console.Error.WriteLineAsync($"error: {result.Failure!.Describe(notebook.FullName)}");
                foreach (var line in result.Failure.Traceback)
                {
                    await Console.Error.WriteLineAsync($"    {line}");
                }

                await Console.Error.WriteLineAsync($"The executed notebook, with the error in cell {result.Failure.CellNumber}, is at {result.OutputPath}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{notebook.Name}: {result.CellsExecuted} code cells in {result.Elapsed.TotalSeconds:F1} s -> {result.OutputPath}"));
        }

        return 0;
    }

    private static void Report(CellProgress progress)
    {
        var where = $"  [{progress.CodeCellIndex}/{progress.CodeCellCount}] cell {progress.CellNumber}";
        Console.WriteLine(progress.IsFinished
            ? string.Create(CultureInfo.InvariantCulture, $"{where} {(progress.Succeeded == true ? "done" : "FAILED")} in {progress.WallSeconds:F3} s")
            : $"{where} ...");
    }

    /// <summary>The output path: null for in place, the file itself for one notebook, else a file in the output directory.</summary>
    internal static string? OutputFor(FileInfo notebook, string? output, int notebookCount)
    {
        if (output is null)
        {
            return null;
        }

        var isFile = notebookCount == 1 && output.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(output);
        return isFile ? output : Path.Combine(output, notebook.Name);
    }
}
