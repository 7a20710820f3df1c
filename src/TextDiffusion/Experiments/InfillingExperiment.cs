using System.Diagnostics;
using TextDiffusion.Infilling;
using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// Diffusion-LM's αNLG infilling experiment (papers.md §1) in one call: train Diffusion-LM and the
/// autoregressive baselines on ROCStories triples (<see cref="RocCorpus"/>), infill the αNLG dev examples
/// (<see cref="DiffusionInfiller"/>, <see cref="ArInfiller"/>) and score them (<see cref="InfillingScore"/>).
/// The αNLG test references are here but the test observations are not, so the dev set is the evaluation set.
/// </summary>
public static class InfillingExperiment
{
    /// <summary>Paper values (BLEU, ROUGE-L, CIDEr) of the three rows, marked unverified in papers.md.</summary>
    public static readonly InfillingPaper PaperDiffusionLm = new(7.1, 28.3, 30.7), PaperAr = new(6.7, 27.0, 26.9), PaperLeftOnly = new(0.9, 16.3, 3.5);

    public const string DiffusionLmName = "Diffusion-LM";
    public const string BothSidedArName = "AR (obs2, obs1 → middle)";
    public const string LeftOnlyArName = "AR left-only (obs1 → middle)";

    /// <summary>The experiment at <paramref name="profile"/>'s size on the shared data.</summary>
    public static InfillingResult Run(Profile profile, ulong seed = 0, bool verbose = true, string? checkpointRoot = null) =>
        Run(InfillingSettings.For(profile), null, seed, verbose, checkpointRoot);

    /// <summary>
    /// Trains the models, infills <paramref name="corpus"/>'s αNLG examples and scores them. Without a corpus
    /// the shared data is loaded with the settings' sequence length, minimum count and number of examples.
    /// With <paramref name="checkpointRoot"/>, each model checkpoints under it every 250 steps and a rerun
    /// resumes or reuses it.
    /// </summary>
    public static InfillingResult Run(InfillingSettings s, RocCorpus? corpus = null, ulong seed = 0, bool verbose = true, string? checkpointRoot = null)
    {
        string? Dir(string name) => checkpointRoot is null ? null : Path.Combine(checkpointRoot, name);
        var clock = Stopwatch.StartNew();
        corpus ??= RocCorpus.Load(s.SequenceLength, s.MinCount, s.EvalExamples);
        var examples = corpus.Eval;
        var references = examples.Select(e => e.GoldMiddles).ToList();
        var lengths = corpus.CandidateLengths(s.CandidateLengths);
        var rows = new List<InfillingRow>();
        var middles = new List<List<string>>();

        var dlm = TrainDiffusionLm(corpus, Config(corpus, s), s, seed, verbose ? new ConsoleProgress(DiffusionLmName, 4) : null, Dir($"diffusion-lm-{s.Steps}"));
        var infiller = new DiffusionInfiller(dlm.Model, corpus, s.SampleSteps, lengths, s.SamplesPerLength, s.DecodeBatchSize);
        rows.Add(Measure(DiffusionLmName, PaperDiffusionLm, infiller.Candidates, dlm.Training, g => infiller.Infill(examples, g)));

        TrainedModel<TransformerLM>? both = null;
        if (s.BothSidedAr)
        {
            both = TrainAr(corpus, StoryLayout.EndFirst, s, seed, verbose ? new ConsoleProgress(BothSidedArName, 4) : null, Dir($"ar-both-{s.ArSteps}"));
            var ar = new ArInfiller(both.Model, corpus, StoryLayout.EndFirst, s.Candidates, s.DecodeBatchSize);
            rows.Add(Measure(BothSidedArName, PaperAr, ar.Candidates, both.Training, g => ar.Infill(examples, g)));
        }

        var left = TrainAr(corpus, StoryLayout.Story, s, seed, verbose ? new ConsoleProgress(LeftOnlyArName, 4) : null, Dir($"ar-left-{s.ArSteps}"));
        var leftInfiller = new ArInfiller(left.Model, corpus, StoryLayout.Story, s.Candidates, s.DecodeBatchSize);
        rows.Add(Measure(LeftOnlyArName, PaperLeftOnly, leftInfiller.Candidates, left.Training, g => leftInfiller.Infill(examples, g)));

        var shown = examples.Take(s.ShownExamples).Select((e, i) =>
            new InfillingExample(e.Obs1, e.Obs2, e.GoldMiddles, rows.Select((r, k) => (r.System, middles[k][i])).ToList())).ToList();
        string note = $"{corpus.StoriesRead} ROCStories valid stories: {corpus.StoriesNotFiveSentences} not five sentences, " +
            $"{corpus.StoriesHeldOut} held out (an observation of the αNLG dev set), {corpus.Train.Count} training triples " +
            $"(s1, s_k, s5; k = 2..4), {corpus.Truncated} truncated to {corpus.SequenceLength} tokens; vocabulary {corpus.VocabSize} " +
            $"(min count {s.MinCount}); evaluated on the first {examples.Count} αNLG dev examples " +
            $"({references.Average(r => r.Count):F1} gold middles each); candidate middle lengths {string.Join(", ", lengths)} tokens.";
        return new InfillingResult(s, corpus, rows, shown, lengths, note, dlm, left, both, clock.Elapsed.TotalSeconds);

        InfillingRow Measure(string name, InfillingPaper paper, int candidates, TrainingResult training,
            Func<Generator, List<string>> infill)
        {
            var timer = Stopwatch.StartNew();
            using var generator = new Generator(seed + 1000, Compute.Device);
            var result = infill(generator);
            double seconds = timer.Elapsed.TotalSeconds;
            middles.Add(result);
            if (verbose) Console.WriteLine($"{name}: infilled {examples.Count} examples in {seconds:F0} s");
            return new InfillingRow(name, InfillingScore.Of(result, references, (int)seed), paper, candidates,
                training.FinalStep, training.WallSeconds, seconds);
        }
    }

    /// <summary>The Diffusion-LM of the settings' size for the corpus (sqrt schedule, x0-parameterisation, learned embeddings).</summary>
    public static DiffusionLMConfig Config(RocCorpus corpus, InfillingSettings s) =>
        new(corpus.VocabSize, s.SequenceLength, s.EmbeddingDim, DiffusionSteps: s.DiffusionSteps, ModelDim: s.ModelDim, Layers: s.Layers,
            Heads: s.Heads, FeedForwardDim: 4 * s.ModelDim, Dropout: 0.1);

    /// <summary>The autoregressive baselines' size.</summary>
    public static TransformerLMConfig ArConfig(RocCorpus corpus, InfillingSettings s) =>
        new(corpus.VocabSize, s.SequenceLength, s.ArDim, s.ArLayers, s.Heads, 4 * s.ArDim, Dropout: 0.1);

    public static TrainedModel<DiffusionLM> TrainDiffusionLm(RocCorpus corpus, DiffusionLMConfig config, InfillingSettings s, ulong seed = 0,
        IProgress<TrainingProgress>? progress = null, string? checkpointDir = null)
    {
        var device = Compute.Device;
        torch.ManualSeed(seed);
        var model = new DiffusionLM(config);
        model.To(device);
        using var generator = new Generator(seed + 17, device);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(StoryLayout.Story, step, s.BatchSize, seed, device), generator).Loss,
            Options(s.Steps, s.LearningRate, s, seed).CheckpointedIn(checkpointDir), progress);
        return new TrainedModel<DiffusionLM>(model, result);
    }

    /// <summary>A causal LM on the training triples in <paramref name="layout"/> (left-only: Story; both-sided: EndFirst).</summary>
    public static TrainedModel<TransformerLM> TrainAr(RocCorpus corpus, StoryLayout layout, InfillingSettings s, ulong seed = 0,
        IProgress<TrainingProgress>? progress = null, string? checkpointDir = null)
    {
        var device = Compute.Device;
        torch.ManualSeed(seed);
        var model = new TransformerLM(ArConfig(corpus, s));
        model.To(device);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(layout, step, s.BatchSize, seed, device)),
            Options(s.ArSteps, s.ArLearningRate, s, seed).CheckpointedIn(checkpointDir), progress);
        return new TrainedModel<TransformerLM>(model, result);
    }

    static TrainingOptions Options(int steps, double learningRate, InfillingSettings s, ulong seed) =>
        new(steps, learningRate, WarmupSteps: Math.Min(100, steps / 10), Seed: seed, LogEvery: Math.Max(1, steps / 60),
            MaxWallSeconds: s.MaxTrainSeconds);
}
