using System.CommandLine;
using Spectre.Console;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td</c>: the command-line entry point. Each command lives in its own file and exposes a
/// static <c>Create</c> that returns its <see cref="Command"/>; add new ones to <see cref="BuildRootCommand"/>.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => BuildRootCommand().Parse(args).InvokeAsync();

    internal static RootCommand BuildRootCommand(IAnsiConsole? console = null)
    {
        // The console is created before any notebook runs, so it keeps the real stdout while the
        // runner redirects Console.Out for cells.
        console ??= AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return new RootCommand("TextDiffusion: diffusion language models, and the notebooks that reproduce the paper's tables.")
        {
            QuickstartCommand.Create(console),
            TrainCommand.Create(console),
            SampleCommand.Create(console),
            EvaluateCommand.Create(console),
            ReproduceCommand.Create(console),
            TrainDifformerCommand.Create(console),
        };
    }
}
