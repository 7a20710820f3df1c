using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Text;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// The steps of the Diffusion-LM experiments on E2E, each one call from a notebook cell or the CLI:
/// train a Diffusion-LM variant, train an autoregressive LM (the teacher behind lm-score, or the
/// AR baseline), sample, and measure the samples.
/// </summary>
public static class DiffusionLmExperiment
{
    /// <summary>The model of the experiment at the profile's size; ablations change one field with <c>with</c>.</summary>
    public static DiffusionLMConfig Config(SentenceCorpus corpus, DiffusionLmSettings s) => Config(corpus.VocabSize, s);

    /// <summary>The same for a vocabulary of the given size (bench/Bench times the profiles' models on random tokens).</summary>
    public static DiffusionLMConfig Config(int vocabSize, DiffusionLmSettings s) =>
        new(vocabSize, s.SequenceLength, EmbeddingDim: 16, DiffusionSteps: s.DiffusionSteps,
            ModelDim: s.ModelDim, Layers: s.Layers, Heads: 4, FeedForwardDim: 4 * s.ModelDim, Dropout: s.Dropout,
            SelfCondition: s.SelfCondition);

    public static TransformerLMConfig TeacherConfig(SentenceCorpus corpus, DiffusionLmSettings s) =>
        new(corpus.VocabSize, s.SequenceLength, s.TeacherDim, s.TeacherLayers, Heads: 4, FeedForwardDim: 4 * s.TeacherDim, Dropout: 0.1);

    public static TrainedModel<DiffusionLM> TrainDiffusionLm(SentenceCorpus corpus, DiffusionLMConfig config, DiffusionLmSettings s,
        ulong seed = 0, IProgress<TrainingProgress>? progress = null, string? checkpointDir = null, bool resume = false, int? steps = null,
        double? maxWallSeconds = null, CancellationToken cancel = default)
    {
        var device = Compute.Device;
        torch.ManualSeed(seed);
        var model = new DiffusionLM(config);
        model.To(device);
        using var generator = new Generator(seed + 17, device);
        var options = new TrainingOptions(steps ?? s.Steps, s.LearningRate, WarmupSteps: Math.Min(100, (steps ?? s.Steps) / 10),
            Seed: seed, LogEvery: Math.Max(1, maxWallSeconds is null ? (steps ?? s.Steps) / 60 : 25), MaxWallSeconds: maxWallSeconds)
            .CheckpointedIn(checkpointDir, resume);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(step, s.BatchSize, seed, device), generator).Loss,
            options, progress, cancel: cancel);
        return new TrainedModel<DiffusionLM>(model, result);
    }

    public static TrainedModel<TransformerLM> TrainLm(SentenceCorpus corpus, TransformerLMConfig config, int steps, int batchSize,
        double learningRate = 1e-3, ulong seed = 0, IProgress<TrainingProgress>? progress = null, string? checkpointDir = null, bool resume = false,
        double? maxWallSeconds = null, CancellationToken cancel = default)
    {
        var device = Compute.Device;
        torch.ManualSeed(seed);
        var model = new TransformerLM(config);
        model.To(device);
        var options = new TrainingOptions(steps, learningRate, WarmupSteps: Math.Min(100, steps / 10), Seed: seed,
            LogEvery: Math.Max(1, maxWallSeconds is null ? steps / 60 : 25), MaxWallSeconds: maxWallSeconds).CheckpointedIn(checkpointDir, resume);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(step, batchSize, seed, device)), options, progress, cancel: cancel);
        return new TrainedModel<TransformerLM>(model, result);
    }

    /// <summary>Unconditional Diffusion-LM samples: <paramref name="steps"/> respaced steps, with or without clamping.</summary>
    public static List<string> Sample(DiffusionLM model, SentenceCorpus corpus, int count, int steps, bool clamp = true, ulong seed = 0, int batchSize = 100)
    {
        var sentences = new List<string>();
        using var generator = new Generator(seed, model.Device);
        for (int done = 0; done < count; done += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var ids = model.Sample(Math.Min(batchSize, count - done), steps, generator, clamp);
            sentences.AddRange(corpus.DecodeRows(ids));
        }
        return sentences;
    }

    /// <summary>
    /// MBR decoding (the paper's §4.4): each output is the one of <paramref name="candidates"/> unconditional samples
    /// with the least risk −Σ BLEU against the others.
    /// </summary>
    public static List<string> SampleMbr(DiffusionLM model, SentenceCorpus corpus, int count, int candidates, int steps, ulong seed = 0)
    {
        var pool = Sample(model, corpus, count * candidates, steps, clamp: true, seed);
        return Enumerable.Range(0, count).Select(i => Mbr.Select(pool.GetRange(i * candidates, candidates))).ToList();
    }

    /// <summary>The fraction of sentences that are verbatim training sentences (memorisation, not generation).</summary>
    public static double CopiedFraction(IReadOnlyList<string> sentences, SentenceCorpus corpus)
    {
        using var rows = corpus.Encode(corpus.TrainSentences, Device.Cpu);
        var train = corpus.DecodeRows(rows).ToHashSet();   // as the model would write them: UNK for rare words, truncated rows
        return sentences.Count(train.Contains) / (double)Math.Max(1, sentences.Count);
    }

    /// <summary>Left-to-right samples from an autoregressive LM (the AR baseline), starting from BOS.</summary>
    public static List<string> SampleLm(TransformerLM model, SentenceCorpus corpus, int count, ulong seed = 0, int batchSize = 100)
    {
        var sentences = new List<string>();
        using var generator = new Generator(seed, model.Device);
        for (int done = 0; done < count; done += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var prompt = torch.Full([Math.Min(batchSize, count - done), 1], SpecialTokens.Bos, DType.Int64, model.Device);
            sentences.AddRange(corpus.DecodeRows(model.Generate(prompt, corpus.SequenceLength, SpecialTokens.Eos, generator)));
        }
        return sentences;
    }

    /// <summary>
    /// Trains one variant, samples <see cref="DiffusionLmSettings.Samples"/> sentences and measures them. With a
    /// <paramref name="checkpointDir"/>, training resumes from (or reuses) the checkpoint there.
    /// </summary>
    public static VariantResult RunVariant(string name, SentenceCorpus corpus, DiffusionLMConfig config, DiffusionLmSettings s,
        TransformerLM teacher, ulong seed = 0, IProgress<TrainingProgress>? progress = null, int? steps = null, string? checkpointDir = null)
    {
        var trained = TrainDiffusionLm(corpus, config, s, seed, progress ?? new ConsoleProgress(name, 4), checkpointDir,
            resume: checkpointDir is not null, steps: steps);
        return Measure(name, trained, corpus, s, teacher, s.SampleSteps, clamp: true, seed);
    }

    /// <summary>Samples from an already trained model with the given steps and clamping, and measures the samples.</summary>
    public static VariantResult Measure(string name, TrainedModel<DiffusionLM> trained, SentenceCorpus corpus, DiffusionLmSettings s,
        TransformerLM teacher, int sampleSteps, bool clamp, ulong seed = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var samples = Sample(trained.Model, corpus, s.Samples, sampleSteps, clamp, seed + 1000);
        double seconds = clock.Elapsed.TotalSeconds;
        return new VariantResult(name, trained, samples, Evaluate(samples, teacher, corpus, (int)seed), sampleSteps, clamp, seconds);
    }

    /// <summary>Measures sentences (generated or human) with the teacher LM and the text metrics.</summary>
    public static SampleQuality Evaluate(IReadOnlyList<string> sentences, TransformerLM teacher, SentenceCorpus corpus, int seed = 0)
    {
        using var rows = corpus.Encode(sentences, teacher.Device);
        var tokens = sentences.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var unk = corpus.Tokenizer.IdToToken(SpecialTokens.Unk);
        var degenerate = tokens.Select(t => Degeneracy.IsDegenerate(t, unk) ? 1.0 : 0.0);
        return new SampleQuality(
            LmScore.Compute(teacher, rows, seed),
            Metric.Bootstrap(degenerate, seed),
            Diversity.DistinctN(tokens, 1),
            Diversity.DistinctN(tokens, 2),
            Metric.Bootstrap(Diversity.SelfBleu(tokens), seed),
            tokens.Average(t => t.Length),
            sentences.Count);
    }
}

/// <summary>
/// How good a set of generated sentences is: lm-score under the teacher (↓), the share of degenerate
/// samples (↓), distinct-1/2 (↑ diversity), self-BLEU (↓ diversity), mean length in words.
/// </summary>
public sealed record SampleQuality(Metric LmScore, Metric Degenerate, double Distinct1, double Distinct2, Metric SelfBleu, double MeanLength, int Count);

/// <summary>One trained-and-measured Diffusion-LM variant: a row of an ablation table.</summary>
public sealed record VariantResult(string Name, TrainedModel<DiffusionLM> Trained, IReadOnlyList<string> Samples, SampleQuality Quality,
    int SampleSteps, bool Clamp, double SampleSeconds)
{
    public double TrainSeconds => Trained.Training.WallSeconds;
}
