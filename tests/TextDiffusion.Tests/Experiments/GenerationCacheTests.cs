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
}
