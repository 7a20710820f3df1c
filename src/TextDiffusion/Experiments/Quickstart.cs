using System.Diagnostics;
using TextDiffusion.Models;
using TextDiffusion.Text;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>What the quick start trains: a small causal transformer LM on E2E for a fixed wall-clock budget.</summary>
public sealed record QuickstartSettings(double Seconds, int MaxSteps, int BatchSize, int ModelDim, int Layers, double LearningRate, int Samples, ulong Seed = 0)
{
    public static QuickstartSettings For(Profile profile) => profile.Pick(
        smoke: new QuickstartSettings(Seconds: 5, MaxSteps: 20, BatchSize: 16, ModelDim: 32, Layers: 1, LearningRate: 3e-3, Samples: 3),
        cpu: new QuickstartSettings(Seconds: 60, MaxSteps: 5000, BatchSize: 32, ModelDim: 128, Layers: 2, LearningRate: 2e-3, Samples: 5),
        paper: new QuickstartSettings(Seconds: 600, MaxSteps: 20000, BatchSize: 64, ModelDim: 256, Layers: 4, LearningRate: 1e-3, Samples: 10));
}

/// <summary>The quick start's outcome: the loss curve, held-out perplexity, and samples.</summary>
public sealed record QuickstartResult(TrainingResult Training, double HeldOutPerplexity, IReadOnlyList<string> Samples, int VocabSize,
    int TrainSentences, int EvalSentences, long Parameters);

/// <summary>
/// The package in one call: load E2E, build the word vocabulary, train a tiny GPT-style LM for a
/// minute, report held-out perplexity exp(mean NLL per token) and draw samples.
/// </summary>
public static class Quickstart
{
    public static QuickstartResult Run(QuickstartSettings s, IProgress<TrainingProgress>? progress = null, Device? device = null)
    {
        var d = device ?? Compute.Device;
        var corpus = E2eCorpus.Load(sequenceLength: 64);
        torch.ManualSeed(s.Seed);
        using var model = new TransformerLM(new TransformerLMConfig(corpus.VocabSize, 64, s.ModelDim, s.Layers, Heads: 4,
            FeedForwardDim: 4 * s.ModelDim, Dropout: 0.1));
        model.To(d);
        var training = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(step, s.BatchSize, s.Seed, d)),
            new TrainingOptions(s.MaxSteps, s.LearningRate, WarmupSteps: 50, Seed: s.Seed, LogEvery: 10, MaxWallSeconds: s.Seconds),
            progress);
        using var eval = corpus.Encode(corpus.EvalSentences, d);
        var (nll, count) = Evaluation.LmScore.PerSentence(model, eval);
        double perplexity = Math.Exp(nll.Sum() / count.Sum());
        using var gen = new Generator(s.Seed + 1);
        using var prompt = torch.Full([s.Samples, 1], SpecialTokens.Bos, DType.Int64, d);
        using var ids = model.Generate(prompt, 64, SpecialTokens.Eos, gen, temperature: 1.0);
        return new QuickstartResult(training, perplexity, corpus.DecodeRows(ids), corpus.VocabSize,
            corpus.TrainSentences.Count, corpus.EvalSentences.Count, model.ParameterCount());
    }
}
