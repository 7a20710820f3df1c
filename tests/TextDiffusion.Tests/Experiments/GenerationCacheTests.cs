using TextDiffusion.Experiments;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Tests.Experiments;

[Collection(GlobalRandomStateCollection.Name)]
public class GenerationCacheTests
{
    [Fact]
    public void OutputsAreReusedOnlyForTheSameSettingsModelsAndTargets()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"td-generation-cache-{Guid.NewGuid():N}");
        try
        {
            torch.ManualSeed(1);
            using var model = new Linear(3, 2);
            var cache = new GenerationCache(dir);
            int runs = 0;
            List<string> Generate() { runs++; Thread.Sleep(20); return [$"sentence {runs}", "another"]; }

            var first = cache.For("diffusion-lm length", "λ 0.01", model).GetOrRun(["<length> 7"], Generate);
            var again = cache.For("diffusion-lm length", "λ 0.01", model).GetOrRun(["<length> 7"], Generate);
            Assert.False(first.Reused);
            Assert.True(again.Reused);
            Assert.Equal(first.Outputs, again.Outputs);
            Assert.Equal(first.Seconds, again.Seconds, 9);                 // the original generation time
            Assert.Equal(1, runs);

            Assert.False(cache.For("diffusion-lm length", "λ 0.1", model).GetOrRun(["<length> 7"], Generate).Reused);   // other settings
            Assert.False(cache.For("diffusion-lm length", "λ 0.01", model).GetOrRun(["<length> 8"], Generate).Reused);   // other targets
            using (torch.NoGrad()) using (var step = torch.OnesLike(model.Weight) * 1e-3) model.Weight.Add_(step);
            Assert.False(cache.For("diffusion-lm length", "λ 0.01", model).GetOrRun(["<length> 7"], Generate).Reused);   // other weights
            Assert.Equal(4, runs);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheQuantisedFingerprintFollowsTheQuantisedValuesNotTheFloatWeights()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var model = new TextDiffusion.Models.DiffusionLM(new TextDiffusion.Models.DiffusionLMConfig(VocabSize: 20, SequenceLength: 6, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, DiffusionSteps: 50));
        var layers = TextDiffusion.Quantization.QeCdlm.QuantizeProjections(model.Denoiser, new TextDiffusion.Quantization.BinaryQuantizer());
        string before = QeCdlmExperiment.QuantisedFingerprint(model);
        using (torch.NoGrad()) layers[0].Weight.Mul_(1.01);          // every |w| grows by 1 %: H = mean|w| is fixed, the signs do not change
        Assert.Equal(before, QeCdlmExperiment.QuantisedFingerprint(model));
        using (torch.NoGrad()) layers[0].Weight.Mul_(-1.0);          // every sign flips: H·sign(w) changes
        Assert.NotEqual(before, QeCdlmExperiment.QuantisedFingerprint(model));
        Assert.Equal(32, before.Length);
    }
}
