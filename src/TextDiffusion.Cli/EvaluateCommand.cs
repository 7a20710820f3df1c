using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;
using TextDiffusion.Models;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td evaluate --checkpoint DIR --teacher DIR</c>: samples from a trained model and measures the
/// samples (lm-score under the teacher LM, degenerate share, distinct-n, self-BLEU) beside the
/// held-out human references.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint", "-c") { Description = "The model to evaluate (a `td train` folder).", Required = true };
        checkpoint.AcceptExistingOnly();
        var teacher = new Option<DirectoryInfo>("--teacher", "-t") { Description = "The teacher LM (`td train --model lm` folder).", Required = true };
        teacher.AcceptExistingOnly();
        var count = CommonOptions.Positive("--count", 200, "Samples to draw (default 200).");
        var steps = CommonOptions.Positive("--steps", 200, "Diffusion-LM denoising steps (default 200).");
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("evaluate", "Measure a trained model's samples against the held-out references.")
        {
            checkpoint, teacher, count, steps, device, seed,
        };
        command.SetAction(parse =>
        {
            CommonOptions.Apply(null, parse.GetValue(device));
            var (model, kind, tokenizer) = ModelStore.Load(parse.GetValue(checkpoint)!.FullName, Compute.Device);
            var (teacherModule, teacherKind, _) = ModelStore.Load(parse.GetValue(teacher)!.FullName, Compute.Device);
            using var m = model;
            using var t = teacherModule;
            if (teacherKind != ModelStore.Lm)
            {
                console.MarkupLineInterpolated($"[red]error:[/] --teacher must be a `{ModelStore.Lm}` model, got `{teacherKind}`");
                return 1;
            }
            int n = parse.GetValue(count);
            var corpus = SampleCommand.SamplingCorpus(tokenizer, model); // the model's own vocabulary
            var references = E2eCorpus.Load(corpus.SequenceLength).EvalSentences.Take(n).ToList();
            var samples = kind == ModelStore.DiffusionLm
                ? DiffusionLmExperiment.Sample((DiffusionLM)model, corpus, n, parse.GetValue(steps), true, parse.GetValue(seed))
                : DiffusionLmExperiment.SampleLm((TransformerLM)model, corpus, n, parse.GetValue(seed));
            var table = new Table().AddColumns("", "lm-score ↓", "degenerate ↓", "distinct-1", "distinct-2", "self-BLEU ↓", "mean length");
            foreach (var (name, sentences) in new[] { ("human references", references), ($"{kind} samples", samples) })
            {
                var q = DiffusionLmExperiment.Evaluate(sentences, (TransformerLM)teacherModule, corpus);
                table.AddRow(name, q.LmScore.ToString(), q.Degenerate.ToString(), $"{q.Distinct1:F3}", $"{q.Distinct2:F3}", q.SelfBleu.ToString(), $"{q.MeanLength:F1}");
            }
            console.Write(table);
            return 0;
        });
        return command;
    }
}
