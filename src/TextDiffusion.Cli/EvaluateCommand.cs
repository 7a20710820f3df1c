using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Data;
using TextDiffusion.Discrete;
using TextDiffusion.Evaluation;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td evaluate --checkpoint DIR [--teacher DIR]</c>: measures a model trained by <c>td train</c> against the part of its
/// data held out at training time. Sentence families: samples beside the held-out references (lm-score under a teacher LM
/// when given, distinct-n, self-BLEU, length) and the model's own held-out likelihood where it has one (MDLM's NELBO
/// bound, the LM's perplexity). Difformer: BLEU of its translations of the held-out sources.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint", "-c") { Description = "The model to evaluate (a `td train` folder).", Required = true };
        var teacher = new Option<DirectoryInfo?>("--teacher", "-t") { Description = "A teacher LM (`td train --model lm` folder) for lm-score." };
        var count = CommonOptions.Positive("--count", 200, "Samples to draw, or held-out pairs to translate (default 200).");
        var steps = CommonOptions.Positive("--steps", 200, "Denoising steps (default 200).");
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("evaluate", "Measure a trained model against the held-out part of its data.")
        {
            checkpoint, teacher, count, steps, device, seed,
        };
        command.SetAction(parse =>
        {
            CommonOptions.Apply(null, parse.GetValue(device));
            string dir = parse.GetValue(checkpoint)!.FullName;
            var (module, kind, tokenizer) = ModelStore.Load(dir, Compute.Device);
            using var _ = module;
            int n = parse.GetValue(count);
            ulong s = parse.GetValue(seed);
            if (module is Difformer difformer)
            {
                var pairs = UserText.ReadPairs(HeldOut(dir, "heldout.tsv")).Take(n).ToList();
                var hypotheses = UserModels.Translate(difformer, tokenizer, pairs.Select(p => p.Source).ToList(), s);
                var bleu = Bleu.Corpus(hypotheses, pairs.Select(p => (IReadOnlyList<string>)[p.Target]).ToList());
                console.MarkupLineInterpolated($"difformer on {pairs.Count} held-out pairs: {bleu}");
                return 0;
            }
            var corpus = SampleCommand.SamplingCorpus(tokenizer, module);
            var references = UserText.ReadLines(HeldOut(dir, "heldout.txt")).Take(n).ToList();
            var samples = module switch
            {
                DiffusionLM d => DiffusionLmExperiment.Sample(d, corpus, n, parse.GetValue(steps), true, s),
                MaskedDiffusionLM m => SentenceMdlm.Sample(m, corpus, n, parse.GetValue(steps), s),
                TransformerLM l => DiffusionLmExperiment.SampleLm(l, corpus, n, s),
                _ => throw new UserError($"{dir} holds a {kind} model, which `td evaluate` does not measure"),
            };
            TransformerLM? judge = null;
            SentenceCorpus? judgeCorpus = null;
            if (parse.GetValue(teacher) is { } teacherDir)
            {
                var (t, teacherKind, teacherTokenizer) = ModelStore.Load(teacherDir.FullName, Compute.Device);
                judge = t as TransformerLM ?? throw new UserError($"--teacher must be an `{ModelStore.Lm}` model folder, {teacherDir.FullName} holds `{teacherKind}`");
                judgeCorpus = SampleCommand.SamplingCorpus(teacherTokenizer, judge);
            }
            using (judge)
            {
                var table = new Table().AddColumns("", "lm-score ↓", "distinct-1", "distinct-2", "self-BLEU ↓", "mean length");
                foreach (var (name, sentences) in new[] { ("held-out references", references), ($"{kind} samples", samples) })
                {
                    var words = sentences.Select(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
                    string lmScore = "(give --teacher)";
                    if (judge is not null)
                    {
                        using var rows = judgeCorpus!.Encode(sentences, judge.Device);
                        lmScore = LmScore.Compute(judge, rows).ToString();
                    }
                    table.AddRow(name, lmScore, $"{Diversity.DistinctN(words, 1):F3}", $"{Diversity.DistinctN(words, 2):F3}",
                        Reporting.Metric.Bootstrap(Diversity.SelfBleu(words)).ToString(), $"{words.Average(w => w.Length):F1}");
                }
                console.Write(table);
            }
            using var heldOut = corpus.Encode(references, module.Device);
            if (module is MaskedDiffusionLM mdlm)
            {
                using var generator = new Generator(s, module.Device);
                var (nats, tokens) = mdlm.Nelbo(heldOut, samples: 4, generator);
                console.MarkupLineInterpolated($"held-out NELBO: {nats / tokens:F3} nats/token (perplexity ≤ {Math.Exp(nats / tokens):F2}), {references.Count} sentences");
            }
            else if (module is TransformerLM lm)
            {
                console.MarkupLineInterpolated($"held-out lm-score (exp of the mean per-sentence NLL): {LmScore.Compute(lm, heldOut)}, {references.Count} sentences");
            }
            return 0;
        });
        return command;
    }

    static string HeldOut(string dir, string name)
    {
        string path = Path.Combine(dir, name);
        return File.Exists(path) ? path : throw new UserError($"{dir} has no {name}: it was not trained by this version of `td train`; train it again");
    }
}
