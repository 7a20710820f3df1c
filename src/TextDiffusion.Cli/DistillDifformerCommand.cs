using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;
using TextDiffusion.Reporting;
using TextDiffusion.Seq2Seq;
using Torch;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td distill-difformer</c>: notebook 03's main Difformer trained again on knowledge-distilled targets, as the paper trains it
/// (<see cref="DifformerExperiment.Distilled"/>), beside the AR Transformer (its teacher) and the Difformer trained on the references,
/// on Multi30k test2016: a BLEU table with repeated words, and two claims written to <c>&lt;out&gt;/03-difformer/claims.csv</c>. It uses
/// notebook 03's checkpoint root, so the notebook's AR model and Difformer are reused where present. Distilling decodes all 29,000
/// training sources with beam search (about 13 min on 2 cores) and the Difformer trains the main budget again (about 46 min): a GPU
/// lease's work (bench/gpu.sh distill), which the 2-core notebook cannot also afford.
/// </summary>
internal static class DistillDifformerCommand
{
    /// <summary>Difformer's IWSLT14 BLEU without distillation, as an issue on the public code reports it (papers.md).</summary>
    const double PaperBleuWithoutKd = 29.9;

    public static Command Create(IAnsiConsole console)
    {
        var output = ClaimsOutput.Option("03-difformer");
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var command = new Command("distill-difformer",
            "Train notebook 03's Difformer on knowledge-distilled targets (the paper's setting) and compare it with the AR Transformer and the Difformer trained on references.")
        {
            output, profile, device,
        };
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var difformerProfile = DifformerProfile.For(p);
            string root = DifformerExperiment.CheckpointRootFor(difformerProfile);
            console.MarkupLineInterpolated($"profile {p}, device {Compute.Device}, libtorch {torch.Version}: checkpoints in {root}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var experiment = new DifformerExperiment(difformerProfile, verbose: true, checkpointRoot: root);
            var t = experiment.Translation;
            var kd = experiment.Distilled(t);
            var full = DifformerModules.Full;
            int beam = difformerProfile.ArBeam;
            var ar = experiment.ArOutput(t, t.Test, t.TestName, beam);
            var references = experiment.DifformerOutput(t, full, t.Test, t.TestName, CandidateSelection.ArScore);
            var distilled = experiment.DifformerOutput(kd, full, t.Test, t.TestName, CandidateSelection.ArScore);
            var table = DifformerExperiment.BleuGapTable($"Difformer with knowledge distillation: Multi30k {t.TestName} ({p.Name} sizes, {Compute.Device})", ar,
                [($"AR, beam {beam}", ar), ("Difformer, trained on references (AR rerank)", references), ("Difformer, trained on distilled targets (AR rerank)", distilled)]);
            parse.InvocationConfiguration.Output.Write(table.ToMarkdown());
            var changed = t.Train.Targets.Zip(kd.Train.Targets).Count(x => !x.First.SequenceEqual(x.Second));
            double trainSeconds = experiment.Difformer(kd, full).Training.WallSeconds;
            console.MarkupLineInterpolated($"distilled targets differ from the references for {changed:N0} of {t.Train.Count:N0} training pairs; the Difformer trained {trainSeconds:F0} s on them");

            var claims = new ClaimSheet("03-difformer", $"{p.Name}, distilled targets, {Compute.Device}, libtorch {torch.Version}");
            claims.Add(Claim.Compare("distilled targets raise Difformer's BLEU (AR rerank both)", $"{DifformerExperiment.PaperIwslt14Bleu} vs {PaperBleuWithoutKd} (IWSLT14; without KD from an issue report)",
                distilled.BleuInterval(), references.BleuInterval(), Better.Higher));
            claims.Add(DifformerExperiment.WithinOfAr($"Difformer trained on distilled targets as in the paper (AR rerank) within 2 BLEU of the AR Transformer (beam {beam})",
                ar, distilled, 2));
            ClaimsOutput.Write(parse, output, console, table, "distillation", claims, clock.Elapsed);
            return 0;
        });
        return command;
    }
}
