using TextDiffusion.Diffusion;
using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Tests.Models;

[Collection(GlobalRandomStateCollection.Name)]
public class DiffusionLMTests
{
    static DiffusionLMConfig Tiny(int vocab = 12) => new(vocab, SequenceLength: 6, EmbeddingDim: 8, DiffusionSteps: 100,
        ModelDim: 32, Layers: 1, Heads: 2, FeedForwardDim: 64, Dropout: 0);

    [Fact]
    public void RoundPicksTheNearestEmbeddingAndClampReturnsIt()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new DiffusionLM(Tiny());
        var e = model.Embeddings.Detach();
        // points just next to embeddings 3, 7, 0
        var ids = torch.Tensor(new long[] { 3, 7, 0 }, [1, 3]);
        var x = F.Embedding(ids, e) + 0.01;
        Assert.Equal([3L, 7L, 0L], model.Round(x).ToArray<long>());
        Assert.True((model.Clamp(x) - F.Embedding(ids, e)).Abs().Max().Item() < 1e-6);
    }

    [Fact]
    public void LossHasEveryTermAndReachesEveryParameter()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(1);
        using var model = new DiffusionLM(Tiny());
        using var gen = new Generator(2);
        var ids = torch.RandInt(0, 12, [4, 6], generator: gen);
        var (loss, perExample, t) = model.Loss(ids, gen);
        Assert.Equal([4L], perExample.Shape);
        Assert.True(double.IsFinite(loss.Item()) && loss.Item() > 0);
        loss.Backward();
        Assert.All(model.NamedParameters().Where(p => !p.Name.Contains("positions")), p => Assert.NotNull(p.Parameter.Grad));
        Assert.True(model.Embeddings.Grad!.Abs().Sum().Item() > 0, "the embeddings must learn through the objective");
    }

    [Fact]
    public void RandomFrozenEmbeddingsGetNoGradient()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new DiffusionLM(Tiny() with { LearnedEmbeddings = false });
        using var gen = new Generator(2);
        var ids = torch.RandInt(0, 12, [2, 6], generator: gen);
        model.Loss(ids, gen).Loss.Backward();
        Assert.Null(model.Embeddings.Grad);
        Assert.DoesNotContain(model.Embeddings, model.TrainableParameters());
    }

    [Fact]
    public void TinyEndToEndRunLearnsTheFixtureSentences()
    {
        // Four 6-token "sentences" over 12 ids. A random row matches one with probability 4/12⁶ ≈ 1e-6,
        // so a quarter of exact copies after a short seeded run shows that the model learned the data.
        long[][] fixture = [[1, 5, 6, 7, 2, 0], [1, 8, 9, 2, 0, 0], [1, 10, 11, 5, 2, 0], [1, 6, 6, 8, 9, 2]];
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(0);
        using var model = new DiffusionLM(Tiny());
        using var gen = new Generator(3);
        var data = torch.Tensor(fixture.SelectMany(r => r).ToArray(), [4, 6]);
        var batch = data.Repeat(4, 1);
        var result = Trainer.Run(model, _ => model.Loss(batch, gen).Loss, new TrainingOptions(400, 3e-3, WarmupSteps: 20, LogEvery: 50));
        Assert.True(result.LossCurve[^1].Loss < 0.5 * result.LossCurve[0].Loss,
            $"loss {result.LossCurve[0].Loss:F3} → {result.LossCurve[^1].Loss:F3}");
        using var sampleGen = new Generator(4);
        var samples = model.Sample(32, 20, sampleGen).ToArray<long>();
        var rows = Enumerable.Range(0, 32).Select(i => samples[(i * 6)..(i * 6 + 6)]).ToList();
        int exact = rows.Count(r => fixture.Any(f => f.SequenceEqual(r)));
        Assert.True(exact >= 8, $"{exact}/32 samples reproduce a training sentence");
    }

    [Fact]
    public void SamplingIsDeterministicUnderASeed()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(0);
        using var model = new DiffusionLM(Tiny());
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        Assert.Equal(model.Sample(3, 10, g1).ToArray<long>(), model.Sample(3, 10, g2).ToArray<long>());
    }

    [Fact]
    public void EpsilonParameterisationTrainsToo()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new DiffusionLM(Tiny() with { Parameterization = Parameterization.Epsilon, Schedule = ScheduleKind.Cosine });
        using var gen = new Generator(5);
        var ids = torch.RandInt(0, 12, [8, 6], generator: gen);
        var result = Trainer.Run(model, _ => model.Loss(ids, gen).Loss, new TrainingOptions(60, 3e-3, LogEvery: 20));
        Assert.True(result.LossCurve[^1].Loss < result.LossCurve[0].Loss);
    }

    [Fact]
    public void SelfConditionedNetworkReadsItsPreviousEstimate()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(0);
        using var model = new DiffusionLM(Tiny() with { SelfCondition = true });
        model.Eval();
        using var gen = new Generator(6);
        var xt = torch.Randn([2, 6, 8], generator: gen);
        var t = torch.Full([2], 50, DType.Int64);
        var withoutEstimate = model.Denoiser.Forward(xt, t);
        var zeros = model.Denoiser.Forward(xt, t, null, torch.ZerosLike(xt));
        var other = model.Denoiser.Forward(xt, t, null, torch.Randn([2, 6, 8], generator: gen));
        Assert.True((withoutEstimate - zeros).Abs().Max().Item() < 1e-6, "no estimate means a zero estimate");
        Assert.True((withoutEstimate - other).Abs().Max().Item() > 1e-4, "the estimate must change the output");
    }

    [Fact]
    public void SelfConditionedLossReachesEveryParameterOnBothKindsOfStep()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(1);
        using var model = new DiffusionLM(Tiny() with { SelfCondition = true });
        using var gen = new Generator(2);
        var ids = torch.RandInt(0, 12, [4, 6], generator: gen);
        for (int step = 0; step < 6; step++) // the ½ coin gives both kinds of step among these
        {
            model.ZeroGrad();
            model.Loss(ids, gen).Loss.Backward();
            Assert.All(model.NamedParameters().Where(p => !p.Name.Contains("positions")), p => Assert.NotNull(p.Parameter.Grad));
        }
    }

    [Fact]
    public void SelfConditionedSamplerRestartsBetweenRunsAndIsDeterministic()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(0);
        using var model = new DiffusionLM(Tiny() with { SelfCondition = true });
        model.Eval();
        var sampler = model.CreateSampler(10);
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        var first = sampler.Sample([3, 6, 8], g1).ToArray<float>();
        var second = sampler.Sample([3, 6, 8], g2).ToArray<float>(); // same sampler: the old estimate must not leak in
        Assert.Equal(first, second);
        using var g3 = new Generator(9);
        Assert.Equal(first, model.CreateSampler(10).Sample([3, 6, 8], g3).ToArray<float>());
    }

    [Fact]
    public void SelfConditioningNeedsX0Prediction() =>
        Assert.Throws<ArgumentException>(() => new DiffusionLM(Tiny() with { SelfCondition = true, Parameterization = Parameterization.Epsilon }));
}
