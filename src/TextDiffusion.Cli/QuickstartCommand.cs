using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;

namespace TextDiffusion.Cli;

/// <summary><c>td quickstart</c>: trains a tiny transformer LM on E2E for a minute and prints its perplexity and samples.</summary>
internal static class QuickstartCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var seconds = new Option<double?>("--seconds") { Description = "Training budget in seconds (default: the profile's; cpu = 60)." };
        seconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is <= 0 and var v) r.AddError($"--seconds must be positive, got {v}.");
        });
        var seed = CommonOptions.Seed();
        var command = new Command("quickstart", "Train a small GPT-style LM on E2E for about a minute; print held-out perplexity and samples.")
        {
            profile, device, seconds, seed,
        };
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var settings = QuickstartSettings.For(p) with { Seed = parse.GetValue(seed) };
            if (parse.GetValue(seconds) is { } s) settings = settings with { Seconds = s };
            console.MarkupLineInterpolated($"[bold]TextDiffusion quick start[/] (profile {p}, {settings.Seconds:F0} s budget, libtorch {Torch.torch.Version}, {Torch.torch.NumThreads} threads)");
            var result = TrainingDisplay.Run(console, "train LM", settings.MaxSteps, progress => Quickstart.Run(settings, progress));
            console.MarkupLineInterpolated($"E2E: {result.TrainSentences} training / {result.EvalSentences} held-out sentences, vocabulary {result.VocabSize}, model {result.Parameters:N0} parameters");
            console.MarkupLineInterpolated($"trained {result.Training.StepsRun} steps in {result.Training.WallSeconds:F1} s, final loss {result.Training.FinalLoss:F3}");
            console.MarkupLineInterpolated($"[bold]held-out perplexity: {result.HeldOutPerplexity:F2}[/]");
            console.MarkupLine("[bold]samples:[/]");
            foreach (var sample in result.Samples) console.MarkupLineInterpolated($"  • {sample}");
            return 0;
        });
        return command;
    }
}
