using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Quantization;
using TextDiffusion.Seq2Seq;
using Torch;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Refactoring;

/// <summary>
/// Token ids of one seeded sample per model family, recorded on the code before the formulas were rewritten as
/// expressions: a refactoring that changes any arithmetic of sampling changes these ids. Tiny random models (no
/// training), one thread's worth of work each.
/// </summary>
[Collection(GlobalRandomStateCollection.Name)]
public class SeededSampleTests(ITestOutputHelper output)
{
    long[] Record(string family, Tensor ids)
    {
        var values = ids.To(DType.Int64).ToArray<long>();
        output.WriteLine($"{family}: [{string.Join(", ", values)}]");
        return values;
    }

    // 40 training steps on four repeated sentences, so that the sample is not one word repeated; covers the loss too.
    static void Train(DiffusionLM model)
    {
        var batch = torch.Tensor(new long[] { 1, 4, 5, 6, 7, 2, 1, 8, 9, 10, 11, 2, 1, 12, 13, 14, 15, 2, 1, 16, 17, 18, 19, 2 }, [4, 6]);
        using var generator = new Generator(3);
        TextDiffusion.Training.Trainer.Run(model, _ => model.Loss(batch, generator).Loss, new TextDiffusion.Training.TrainingOptions(40, 1e-2, Seed: 5, LogEvery: 40));
    }

    [Fact]
    public void Diffusion_lm_sample_is_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(101);
        using var model = new DiffusionLM(new DiffusionLMConfig(VocabSize: 20, SequenceLength: 6, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, DiffusionSteps: 50));
        Train(model);
        using var generator = new Generator(7);
        Assert.Equal(Expected.DiffusionLm, Record("Diffusion-LM", model.Sample(2, 10, generator)));
    }

    [Fact]
    public void Qe_cdlm_sample_is_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(102);
        using var model = new DiffusionLM(new DiffusionLMConfig(VocabSize: 20, SequenceLength: 6, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, DiffusionSteps: 50));
        QeCdlm.QuantizeProjections(model.Denoiser, new FixedPointQuantizer(4, 4));
        QeCdlm.AddLoRA(model.Denoiser, rank: 2, alpha: 4);
        Train(model);
        using var generator = new Generator(8);
        Assert.Equal(Expected.QeCdlm, Record("QE-CDLM", model.Sample(2, 10, generator, clamp: false)));
    }

    [Fact]
    public void Difformer_candidates_are_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(103);
        using var model = new Difformer(Seq2Seq.DifformerCopyTests.TinyConfig(12, DifformerModules.Full));
        var source = torch.Tensor(new long[] { 5, 6, 7, 0, 8, 9, 10, 11 }, [2, 4]);
        using var generator = new Generator(9);
        var candidates = model.Generate(source, new DecodingOptions(Steps: 8, LengthBeam: 2, NoiseBeam: 2, EarlyStopping: 2), generator);
        var ids = candidates.SelectMany(c => c).SelectMany(c => c.Tokens.Select(t => (long)t).Append(-1)).ToArray();
        output.WriteLine($"Difformer: [{string.Join(", ", ids)}]");
        Assert.Equal(Expected.Difformer, ids);
    }

    [Fact]
    public void Mdlm_and_edlm_samples_are_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(104);
        using var diffusion = new MaskedDiffusionLM(new MaskedDiffusionLMConfig(12, 6, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0));
        using var ar = new TransformerLM(new TransformerLMConfig(13, MaxLength: 8, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0));
        ar.Eval();
        using var g1 = new Generator(10);
        Assert.Equal(Expected.Mdlm, Record("MDLM", diffusion.Sample(3, 6, g1).Ids));
        diffusion.Eval();
        var sampler = new EnergySampler(diffusion.Process, diffusion.Denoiser, new ArEnergy(ar, diffusion.Process.MaskId).Energy, candidates: 3, window: 1);
        using var g2 = new Generator(11);
        Assert.Equal(Expected.Edlm, Record("EDLM-AR", sampler.Sample(3, 6, 6, g2).Ids));
    }

    static class Expected
    {
        public static readonly long[] DiffusionLm = [1, 2, 3, 2, 1, 2, 1, 9, 2, 2, 2, 2];
        public static readonly long[] QeCdlm = [1, 2, 8, 2, 0, 2, 1, 0, 8, 1, 15, 2];
        public static readonly long[] Difformer = [6, 3, 1, 1, 1, -1, 6, 3, 1, 1, 1, -1, 6, 3, 1, 1, 1, 1, -1, 1, 3, 1, 1, 1, 1, -1, 6, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6, 3, -1, 6, 1, 1, 1, 1, 1, 1, 1, 7, 1, 1, 1, 1, 6, -1, 1, 1, 1, 1, 1, 1, 1, 1, 7, 1, 1, 1, 1, 1, 1, -1, 6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, -1];
        public static readonly long[] Mdlm = [0, 7, 8, 6, 4, 4, 4, 11, 11, 1, 4, 0, 6, 2, 0, 2, 4, 10];
        public static readonly long[] Edlm = [7, 10, 7, 0, 7, 10, 7, 11, 1, 6, 8, 11, 9, 11, 11, 2, 10, 4];
    }
}
