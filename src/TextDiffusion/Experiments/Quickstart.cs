using TextDiffusion.Discrete;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Training;

namespace TextDiffusion.Experiments;

/// <summary>
/// What the quick start trains: MDLM (masked diffusion) on E2E sentences for <see cref="Steps"/> (about two minutes on
/// two cores in the cpu profile), and the AR baseline (a GPT-style LM of the same width and depth) for <see cref="ArSteps"/>
/// (about one minute). Budgets are steps, not seconds, so a run is the same on any machine; the learning rate decays to
/// zero over them. MDLM because it is the family that writes E2E sentences soonest: a Diffusion-LM needs thousands of
/// steps before its embeddings separate enough for rounding to give words (notebook 01); in the same two minutes it
/// writes word salad (<c>td quickstart --model diffusion-lm</c>).
/// </summary>
public sealed record QuickstartSettings(int Steps, int ArSteps, int BatchSize, int ModelDim, int Layers,
    double LearningRate, int SequenceLength, int Samples, int SampleSteps, ulong Seed = 0)
{
    public static QuickstartSettings For(Profile profile) => profile.Pick(
        smoke: new QuickstartSettings(Steps: 20, ArSteps: 20, BatchSize: 16, ModelDim: 32, Layers: 1, LearningRate: 3e-3,
            SequenceLength: 48, Samples: 8, SampleSteps: 16),
        cpu: new QuickstartSettings(Steps: 600, ArSteps: 300, BatchSize: 64, ModelDim: 128, Layers: 2, LearningRate: 3e-3,
            SequenceLength: 48, Samples: 200, SampleSteps: 48),
        paper: new QuickstartSettings(Steps: 20_000, ArSteps: 10_000, BatchSize: 64, ModelDim: 256, Layers: 4, LearningRate: 1e-3,
            SequenceLength: 64, Samples: 1000, SampleSteps: 64));
}

/// <summary>
/// The package in a few calls: train a small masked diffusion LM (MDLM) on E2E for two minutes, sample from it,
/// watch one sentence being denoised from all-MASK to text, and judge its samples beside the AR baseline's and the
/// human references' with a trigram judge fitted on the training sentences.
/// </summary>
public static class Quickstart
{
    /// <summary>E2E with the quick start's row length (words seen at least 3 times).</summary>
    public static E2eCorpus Corpus(QuickstartSettings s) => E2eCorpus.Load(s.SequenceLength, minCount: 3);

    /// <summary>MDLM for <see cref="QuickstartSettings.Steps"/>.</summary>
    public static TrainedModel<MaskedDiffusionLM> TrainDiffusion(SentenceCorpus corpus, QuickstartSettings s, IProgress<TrainingProgress>? progress = null) =>
        SentenceMdlm.Train(corpus, SentenceMdlm.Config(corpus, s.ModelDim, s.Layers),
            new TrainingOptions(s.Steps, s.LearningRate, WarmupSteps: Math.Min(50, s.Steps / 10), Seed: s.Seed, LogEvery: 25), s.BatchSize, progress);

    /// <summary>
    /// The alternative the quick start did not choose, for the comparison (<c>td quickstart --model diffusion-lm</c>): a
    /// Diffusion-LM of the same width and depth (notebook 01's recipe: sqrt schedule, x0-prediction, d = 16) for the same time.
    /// </summary>
    public static TrainedModel<DiffusionLM> TrainDiffusionLm(SentenceCorpus corpus, QuickstartSettings s, IProgress<TrainingProgress>? progress = null)
    {
        var recipe = DiffusionLmSettings.For(Profile.Current) with
        {
            SequenceLength = s.SequenceLength, ModelDim = s.ModelDim, Layers = s.Layers, BatchSize = s.BatchSize, LearningRate = s.LearningRate,
        };
        return DiffusionLmExperiment.TrainDiffusionLm(corpus, DiffusionLmExperiment.Config(corpus, recipe), recipe, s.Seed, progress,
            steps: s.Steps);
    }

    /// <summary>The AR baseline: a causal LM of the same width and depth for <see cref="QuickstartSettings.ArSteps"/>.</summary>
    public static TrainedModel<TransformerLM> TrainAr(SentenceCorpus corpus, QuickstartSettings s, IProgress<TrainingProgress>? progress = null) =>
        DiffusionLmExperiment.TrainLm(corpus, new TransformerLMConfig(corpus.VocabSize, corpus.SequenceLength, s.ModelDim, s.Layers, Heads: 4,
            FeedForwardDim: 4 * s.ModelDim), s.ArSteps, s.BatchSize, s.LearningRate, s.Seed, progress);

    /// <summary>
    /// Fluency of each set of sentences under a trigram judge fitted on the training sentences (lower is better), how many
    /// are verbatim training sentences, and distinct bigrams.
    /// </summary>
    public static ResultTable Quality(SentenceCorpus corpus, IReadOnlyList<(string Name, IReadOnlyList<string> Sentences)> sets)
    {
        var judge = new TrigramJudge(corpus.TrainSentences);
        var table = new ResultTable("Quick start: sample quality on E2E", "Sentences", "trigram lm-score ↓", "copied from training (%)", "distinct-2", "mean length (words)");
        foreach (var (name, sentences) in sets)
        {
            var words = sentences.Select(x => x.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            table.AddRow(name, judge.Score(sentences), 100 * DiffusionLmExperiment.CopiedFraction(sentences, corpus),
                Diversity.DistinctN(words, 2), words.Average(w => w.Length));
        }
        return table;
    }

    /// <summary>The denoising of one sentence as a picture: one line of tokens per time, t = 1 at the top.</summary>
    public static Figure DenoisingFigure(IReadOnlyList<(double T, string Text)> frames)
    {
        var figure = new Figure("MDLM denoising one sentence, t = 1 (all masked) → 0") { HideAxes = true, ShowLegend = false, XRange = (0, 1) }
            .Size(1400, 80 + 28 * frames.Count);
        return figure.Text(frames.Select(_ => 0.0), frames.Select((_, i) => (double)-i),
            frames.Select(f => $"t = {f.T:0.00}   {f.Text}"));
    }
}
