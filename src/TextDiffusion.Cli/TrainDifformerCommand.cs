using TextDiffusion.Experiments;
using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Seq2Seq;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td train-difformer --part K --parts N</c>: trains part K of N of notebook 03's models into the notebook's
/// checkpoint root (results/checkpoints/&lt;profile&gt;/difformer), resuming any checkpoint there. N such
/// processes, K = 0 … N−1, train all of them at once; the notebook then reuses them.
/// </summary>
internal static class TrainDifformerCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var (part, parts) = CommonOptions.Parts("", "the notebook's 16 models");
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var command = new Command("train-difformer",
            "Train (or resume) one part of notebook 03's Difformer and AR models into its checkpoint root, so that several processes can share the work.")
        {
            part, parts, profile, device,
        };
        CommonOptions.ValidateParts(command, part, parts);
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var difformerProfile = DifformerProfile.For(p);
            string root = DifformerExperiment.CheckpointRootFor(difformerProfile);
            int k = parse.GetValue(part), n = parse.GetValue(parts);
            console.MarkupLineInterpolated($"profile {p}, device {Compute.Device}: part {k} of {n} of notebook 03's models → {root}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var experiment = new DifformerExperiment(difformerProfile, verbose: true, checkpointRoot: root);
            var trained = experiment.TrainPart(k, n);
            foreach (var name in trained) console.MarkupLineInterpolated($"  {name}");
            console.MarkupLineInterpolated($"done: {trained.Count} model(s) in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }
}
