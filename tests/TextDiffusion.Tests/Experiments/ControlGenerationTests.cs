using TextDiffusion.Control;
using TextDiffusion.Diffusion;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Tests.Experiments;

/// <summary>
/// Notebook 05 generates its 45 guided control runs two at a time (<see cref="ControlExperiment.RunAll"/>): the outputs must be
/// those of one run after the other, and two variants that compute the same function generated once, as before.
/// </summary>
[Collection(GlobalRandomStateCollection.Name)]
public class ControlGenerationTests
{
    static IReadOnlyList<IReadOnlyList<ControlTarget>> Targets(params int[] lengths) =>
        ControlExperiment.Rows(lengths.Select(n => (ControlTarget)new LengthControl(n)).ToList());

    [Fact]
    public void Jobs_with_the_same_cache_entry_and_targets_are_generated_once_and_count_as_reused()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"td-control-generation-{Guid.NewGuid():N}");
        try
        {
            var cache = new GenerationCache(directory);
            var entry = cache.For("qe-cdlm Length", "settings");
            int cachedCalls = 0, plainCalls = 0;
            List<string> Cached() { Interlocked.Increment(ref cachedCalls); return ["a cached sentence"]; }
            List<string> Plain() { Interlocked.Increment(ref plainCalls); return ["a plain sentence"]; }
            var jobs = new List<ControlJob>
            {
                new("variant A", "Length", Targets(5), Cached, entry),
                new("variant B", "Length", Targets(5), Cached, entry),   // computes the same function as A
                new("variant C", "Length", Targets(6), Cached, entry),   // other targets
                new("variant D", "Length", Targets(5), Plain),
                new("variant E", "Length", Targets(5), Plain),          // no cache: always generated
            };

            var first = ControlExperiment.Generate(jobs, workers: 2);
            Assert.Equal(2, cachedCalls);
            Assert.Equal(2, plainCalls);
            Assert.Equal([false, true, false, false, false], first.Select(g => g.Reused));
            Assert.Equal(first[0].Outputs, first[1].Outputs);

            var again = ControlExperiment.Generate(jobs, workers: 2);
            Assert.Equal(2, cachedCalls);                               // every cached job read from disk
            Assert.Equal(4, plainCalls);
            Assert.Equal([true, true, true, false, false], again.Select(g => g.Reused));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Guided_samples_drawn_two_at_a_time_from_one_model_equal_those_drawn_one_after_the_other()
    {
        torch.ManualSeed(7);
        using var model = new DiffusionLM(new DiffusionLMConfig(12, SequenceLength: 6, EmbeddingDim: 8, DiffusionSteps: 100,
            ModelDim: 32, Layers: 1, Heads: 2, FeedForwardDim: 64, Dropout: 0.1));
        using var classifier = new TagClassifier(model.Config.Denoiser, classes: 5);
        model.Eval();
        classifier.Eval();
        classifier.RequiresGrad_(false);
        var sampled = model.Diffusion.Respace(20);

        long[] Guided(int seed)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new Generator((ulong)seed);
            var target = torch.RandInt(0, 5, [3, 6], generator: generator);
            var hook = PlugAndPlay.Hook(sampled, PlugAndPlay.Objective(classifier, target), new ControlSettings(0.01, SkipLastSteps: 2));
            return model.Sample(3, 20, generator, clamp: true, new SamplingOptions { Guidance = hook }).ToArray<long>();
        }
        var seeds = Enumerable.Range(0, 4).ToList();
        var alone = InterOp.Map(seeds, Guided, workers: 1);
        var together = InterOp.Map(seeds, Guided, workers: 2);
        for (int i = 0; i < seeds.Count; i++) Assert.Equal(alone[i], together[i]);
        Assert.False(model.Training);
    }
}
