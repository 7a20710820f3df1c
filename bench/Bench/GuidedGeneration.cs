using TextDiffusion.Control;
using TextDiffusion.Diffusion;
using TextDiffusion.Models;
using Torch;

namespace Bench;

/// <summary>
/// One guided control generation of notebook 05 (and 02) at the cpu profile's size: a Diffusion-LM (d = 16 embeddings, 128 wide,
/// 4 layers, L = 48, 2,000 steps respaced) sampling 40 rows, each step followed by three Adagrad steps through a tag classifier
/// of the same architecture (the POS and length classifiers). Random weights: the time does not depend on them.
/// </summary>
internal sealed class GuidedGeneration : IDisposable
{
    const int Rows = 40, Length = 48;
    readonly DiffusionLM model;
    readonly TagClassifier classifier;

    public GuidedGeneration()
    {
        torch.ManualSeed(0);
        model = new DiffusionLM(new DiffusionLMConfig(800, SequenceLength: Length, ModelDim: 128, Layers: 4, Heads: 4, FeedForwardDim: 512, Dropout: 0));
        classifier = new TagClassifier(model.Config.Denoiser with { Dropout = 0.1 }, classes: 20);
        model.Eval();
        model.RequiresGrad_(false);
        classifier.Eval();
        classifier.RequiresGrad_(false);
    }

    /// <summary>A generation of <paramref name="steps"/> respaced steps for a target drawn from <paramref name="seed"/>.</summary>
    public long[] Run(int steps, int seed)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var target = torch.RandInt(0, 20, [Rows, Length], generator: generator);
        var hook = PlugAndPlay.Hook(model.Diffusion.Respace(steps), PlugAndPlay.Objective(classifier, target), new ControlSettings(0.01));
        return model.Sample(Rows, steps, generator, clamp: true, new SamplingOptions { Guidance = hook }).ToArray<long>();
    }

    public void Dispose()
    {
        model.Dispose();
        classifier.Dispose();
    }
}
