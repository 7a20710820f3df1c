using TextDiffusion.Data;
using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;
using TextDiffusion.Training;
using Torch;
using Torch.Optim;

namespace TextDiffusion.Experiments;

/// <summary>
/// The sizes of a model trained on a user's text (<c>td train --data</c>): the profile's, each overridable by a flag.
/// <see cref="EnergySteps"/> is MDLM's AR energy (EDLM), trained after it on the same rows; 0 skips it.
/// </summary>
public sealed record UserModelSizes(int Steps, int ModelDim, int Layers, int BatchSize, int SequenceLength, double LearningRate,
    int MinCount, int EnergySteps)
{
    public static UserModelSizes For(Profile profile) => profile.Pick(
        smoke: new UserModelSizes(Steps: 20, ModelDim: 32, Layers: 1, BatchSize: 16, SequenceLength: 32, LearningRate: 1e-3, MinCount: 1, EnergySteps: 20),
        cpu: new UserModelSizes(Steps: 3000, ModelDim: 128, Layers: 2, BatchSize: 64, SequenceLength: 48, LearningRate: 2e-3, MinCount: 2, EnergySteps: 3000),
        paper: new UserModelSizes(Steps: 200_000, ModelDim: 768, Layers: 12, BatchSize: 64, SequenceLength: 64, LearningRate: 1e-4, MinCount: 5, EnergySteps: 100_000));
}

/// <summary>
/// Any of the four families trained on a user's text, into one folder that <see cref="ModelStore"/> reloads: model.json
/// (family and configuration), tokenizer.json (built from the data), the held-out part of the data (heldout.txt, or
/// heldout.tsv for pairs) and the trainer's checkpoint, written every 250 steps and resumed by a rerun with resume.
/// Sentence families (diffusion-lm, mdlm, lm) take one sentence or document per line; difformer takes pairs.
/// </summary>
public static class UserModels
{
    /// <summary>The families <see cref="TrainSentences"/> trains.</summary>
    public static readonly IReadOnlyList<string> SentenceFamilies = [ModelStore.DiffusionLm, ModelStore.Mdlm, ModelStore.Lm];

    /// <summary>The folder of MDLM's AR energy inside an mdlm model folder.</summary>
    public const string EnergyFolder = "energy";

    /// <summary>
    /// Trains <paramref name="family"/> on <paramref name="lines"/> (the last 5 % held out). Resuming reuses the folder's
    /// tokenizer, so the ids of a resumed run are those of the first one.
    /// </summary>
    public static TrainingResult TrainSentences(string family, IReadOnlyList<string> lines, UserModelSizes sizes, string dir, bool resume,
        ulong seed = 0, IProgress<TrainingProgress>? progress = null, IProgress<TrainingProgress>? energyProgress = null, CancellationToken cancel = default)
    {
        var saved = resume ? ModelStore.LoadTokenizer(dir) as WordTokenizer : null;
        var corpus = SentenceCorpus.FromLines(lines, sizes.SequenceLength, sizes.MinCount, tokenizer: saved);
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, "heldout.txt"), string.Join('\n', corpus.EvalSentences) + "\n");
        var options = Options(sizes.Steps, sizes.LearningRate, seed, dir, resume);
        switch (family)
        {
            case ModelStore.DiffusionLm:
            {
                var recipe = DiffusionLmSettings.For(Profile.Current) with
                {
                    SequenceLength = sizes.SequenceLength, ModelDim = sizes.ModelDim, Layers = sizes.Layers, BatchSize = sizes.BatchSize,
                    LearningRate = sizes.LearningRate, Steps = sizes.Steps,
                };
                var config = DiffusionLmExperiment.Config(corpus, recipe);
                ModelStore.SaveSpec(dir, family, config, corpus.Tokenizer);
                var trained = DiffusionLmExperiment.TrainDiffusionLm(corpus, config, recipe, seed, progress, dir, resume, cancel: cancel);
                trained.Model.Dispose();
                return trained.Training;
            }
            case ModelStore.Mdlm:
            {
                var config = SentenceMdlm.Config(corpus, sizes.ModelDim, sizes.Layers);
                ModelStore.SaveSpec(dir, family, config, corpus.Tokenizer);
                var trained = SentenceMdlm.Train(corpus, config, options, sizes.BatchSize, progress, cancel);
                trained.Model.Dispose();
                if (sizes.EnergySteps > 0 && !cancel.IsCancellationRequested && trained.Training.FinalStep == sizes.Steps)
                {
                    string energyDir = Path.Combine(dir, EnergyFolder);
                    var energyConfig = SentenceMdlm.EnergyConfig(corpus, sizes.ModelDim, sizes.Layers);
                    ModelStore.SaveSpec(energyDir, ModelStore.ArEnergy, energyConfig, corpus.Tokenizer);
                    using var energy = SentenceMdlm.TrainEnergy(corpus, energyConfig, Options(sizes.EnergySteps, sizes.LearningRate, seed, energyDir, resume),
                        sizes.BatchSize, energyProgress, cancel).Model;
                }
                return trained.Training;
            }
            case ModelStore.Lm:
            {
                var config = new TransformerLMConfig(corpus.VocabSize, sizes.SequenceLength, sizes.ModelDim, sizes.Layers, Heads: 4,
                    FeedForwardDim: 4 * sizes.ModelDim, Dropout: 0.1);
                ModelStore.SaveSpec(dir, family, config, corpus.Tokenizer);
                var trained = DiffusionLmExperiment.TrainLm(corpus, config, sizes.Steps, sizes.BatchSize, sizes.LearningRate, seed, progress, dir, resume,
                    cancel: cancel);
                trained.Model.Dispose();
                return trained.Training;
            }
            default:
                throw new ArgumentException($"'{family}' is not a sentence family; expected one of {string.Join(", ", SentenceFamilies)}", nameof(family));
        }
    }

    /// <summary>
    /// Trains a Difformer on <paramref name="pairs"/> (the last 5 % held out) with a joint BPE learned on the training
    /// pairs (the profile's merges), the profile's Difformer recipe at <paramref name="sizes"/>.
    /// </summary>
    public static TrainingResult TrainPairs(IReadOnlyList<SentencePair> pairs, UserModelSizes sizes, string dir, bool resume, ulong seed = 0,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        if (pairs.Count < 2) throw new ArgumentException($"a Difformer needs at least 2 pairs (one to train on, one held out), got {pairs.Count}", nameof(pairs));
        var profile = DifformerFor(sizes);
        int heldOut = Math.Clamp((int)Math.Round(pairs.Count * 0.05), 1, pairs.Count - 1);
        var train = pairs.Take(pairs.Count - heldOut).ToList();
        var tokenizer = (resume ? ModelStore.LoadTokenizer(dir) : null)
            ?? BpeTokenizer.Train(train.SelectMany(p => new[] { p.Source, p.Target }), new BpeTrainingOptions(profile.BpeMerges));
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, "heldout.tsv"), string.Concat(pairs.Skip(train.Count).Select(p => $"{p.Source}\t{p.Target}\n")));
        var config = profile.Difformer(tokenizer.VocabSize, DifformerModules.Full);
        ModelStore.SaveSpec(dir, ModelStore.Difformer, config, tokenizer);
        torch.ManualSeed(seed);
        using var model = new Difformer(config);
        model.To(Compute.Device);
        var options = new TrainingOptions(sizes.Steps, sizes.LearningRate, WeightDecay: 0.01, GradClipNorm: 1.0, Seed: seed,
            LogEvery: Math.Max(1, Math.Min(25, sizes.Steps / 10))) { Schedule = new InverseSqrtSchedule(Math.Max(1, Math.Min(profile.WarmupSteps, sizes.Steps / 10))) }
            .CheckpointedIn(dir, resume);
        return Seq2SeqTraining.Train(model, TokenizedPairs.Encode(train, tokenizer), options, Seq2SeqTraining.Batching(sizes.BatchSize, seed),
            progress, cancel: cancel);
    }

    /// <summary>Translations of <paramref name="sources"/> by a Difformer: the profile's decoding (lengths × noises), chosen by MBR (the public code's <c>--bleu-mbr</c>: no AR model is at hand to rerank with).</summary>
    public static List<string> Translate(Difformer model, Tokenizer tokenizer, IReadOnlyList<string> sources, ulong seed = 0)
    {
        var profile = DifformerProfile.For(Profile.Current);
        var pairs = TokenizedPairs.Encode(sources.Select(s => new SentencePair(s, s)), tokenizer);
        var (candidates, seconds) = Seq2SeqEvaluation.Candidates(model, pairs, profile.Decoding, profile.DecodeBatchSize, seed);
        return Seq2SeqEvaluation.Select(candidates, seconds, pairs, tokenizer, CandidateSelection.Mbr, "Difformer", "input").Hypotheses.ToList();
    }

    /// <summary>The profile's Difformer recipe at the user's sizes (width, depth, length, batch, learning rate).</summary>
    public static DifformerProfile DifformerFor(UserModelSizes sizes) => DifformerProfile.For(Profile.Current) with
    {
        ModelDim = sizes.ModelDim, LatentDim = Math.Max(16, sizes.ModelDim / 2), FeedForwardDim = 4 * sizes.ModelDim, Layers = sizes.Layers,
        MaxLength = sizes.SequenceLength, BatchSize = sizes.BatchSize, LearningRate = sizes.LearningRate, Steps = sizes.Steps,
    };

    static TrainingOptions Options(int steps, double learningRate, ulong seed, string dir, bool resume) =>
        new TrainingOptions(steps, learningRate, WarmupSteps: Math.Min(100, steps / 10), Seed: seed, LogEvery: Math.Max(1, Math.Min(25, steps / 10)))
            .CheckpointedIn(dir, resume);
}
