using System.CommandLine;
using Spectre.Console;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td</c>: the command-line entry point. Each command lives in its own file and exposes a
/// static <c>Create</c> that returns its <see cref="Command"/>; add new ones to <see cref="BuildRootCommand"/>.
/// An error is reported in one or two lines (what was wrong, where, what was expected); <c>--verbose</c> adds the stack trace.
/// </summary>
internal static class Program
{
    /// <summary>Prints the stack trace of an error (every command accepts it).</summary>
    internal static readonly Option<bool> Verbose = new("--verbose") { Description = "On an error, also print its stack trace.", Recursive = true };

    private static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs <c>td</c> with <paramref name="args"/>; errors go to <paramref name="error"/>, never as an unhandled exception.</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IAnsiConsole? console = null)
    {
        // Commands that must stop cleanly on Ctrl-C (td train) register their own signal handlers.
        var parse = BuildRootCommand(console ?? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) })).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A mistake on the command line is one line and a pointer to the help, not the whole help.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            await error.WriteLineAsync($"error: {first.Message}");
            await error.WriteLineAsync($"({string.Join(' ', parse.CommandResult.Command.Name == "td" ? ["td"] : ["td", parse.CommandResult.Command.Name])} --help lists the options)");
            return 1;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error, ProcessTerminationTimeout = null });
        }
        catch (Exception e)
        {
            await ErrorReport.WriteAsync(error, e, parse.GetValue(Verbose));
            return 1;
        }
    }

    internal static RootCommand BuildRootCommand(IAnsiConsole? console = null)
    {
        // The console is created before any notebook runs, so it keeps the real stdout while the
        // kernel redirects Console.Out for cells.
        console ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return new RootCommand("TextDiffusion: diffusion language models, and the notebooks that reproduce the paper's tables.")
        {
            Verbose,
            QuickstartCommand.Create(console),
            TrainCommand.Create(console),
            SampleCommand.Create(console),
            TranslateCommand.Create(console),
            EvaluateCommand.Create(console),
            ReproduceCommand.Create(console),
            TrainDifformerCommand.Create(console),
            AblateDiffusionLmCommand.Create(console),
            DistillDifformerCommand.Create(console),
            ScorecardCommand.Create(),
        };
    }
}
