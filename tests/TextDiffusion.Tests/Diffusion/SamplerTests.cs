using TextDiffusion.Diffusion;
using Torch;

namespace TextDiffusion.Tests.Diffusion;

public class SamplerTests
{
    // A "network" that knows the data: every x0 is the constant c. The reverse process must then end at c.
    static Tensor Oracle(Tensor xt, Tensor t, Tensor? previousX0) => torch.FullLike(xt, 0.25);

    [Fact]
    public void SamplingIsDeterministicUnderASeed()
    {
        using var scope = torch.NewDisposeScope();
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10), (x, t, _) => x * 0.5, Parameterization.X0);
        using var g1 = new Generator(42);
        using var g2 = new Generator(42);
        using var g3 = new Generator(43);
        var a = sampler.Sample([2, 5, 3], g1);
        var b = sampler.Sample([2, 5, 3], g2);
        var c = sampler.Sample([2, 5, 3], g3);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        Assert.NotEqual(a.ToArray<float>(), c.ToArray<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PerfectX0PredictorEndsAtTheData(bool ddim)
    {
        using var scope = torch.NewDisposeScope();
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Linear, 200).Respace(20), Oracle, Parameterization.X0);
        using var gen = new Generator(3);
        var x = sampler.Sample([4, 6, 2], gen, new SamplingOptions { Ddim = ddim });
        Assert.True((x - 0.25).Abs().Max().Item() < 1e-4);
    }

    [Fact]
    public void InfillingHoldsTheKnownPositions()
    {
        using var scope = torch.NewDisposeScope();
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10), (x, t, _) => x.Alias(), Parameterization.X0);
        var mask = torch.Tensor(new[] { true, false, true }, [1, 3]);
        var known = torch.Full([1, 3, 2], 0.9);
        using var gen = new Generator(5);
        var x = sampler.Sample([1, 3, 2], gen, new SamplingOptions { FixedMask = mask, FixedX0 = known });
        var values = x.ToArray<float>();
        Assert.All(new[] { 0, 1, 4, 5 }, i => Assert.Equal(0.9f, values[i], 5));
    }

    [Fact]
    public void InfillingShowsTheDenoiserTheCleanContextAfterEveryStep()
    {
        using var scope = torch.NewDisposeScope();
        var seen = new List<float[]>();
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10), (x, t, _) =>
        {
            seen.Add(x.ToArray<float>());
            return x.Alias();
        }, Parameterization.X0);
        var mask = torch.Tensor(new[] { true, false, true }, [1, 3]);
        var known = torch.Full([1, 3, 2], 0.9);
        using var gen = new Generator(5);

        sampler.Sample([1, 3, 2], gen, new SamplingOptions { FixedMask = mask, FixedX0 = known });

        Assert.Equal(10, seen.Count);
        Assert.All(seen.Skip(1), x => Assert.All(new[] { 0, 1, 4, 5 }, i => Assert.Equal(0.9f, x[i])));   // not q(x_{t−1} | x0)
    }

    [Fact]
    public void GuidanceHookSeesEveryStep()
    {
        using var scope = torch.NewDisposeScope();
        var steps = new List<int>();
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(8), Oracle, Parameterization.X0);
        using var gen = new Generator(5);
        sampler.Sample([1, 2, 2], gen, new SamplingOptions
        {
            Guidance = (prev, mean, logVar, step) =>
            {
                steps.Add(step);
                return prev.Alias();
            },
        });
        Assert.Equal(Enumerable.Range(0, 8).Reverse(), steps);
    }

    [Fact]
    public void DenoiserReadsThePreviousStepsX0ForSelfConditioning()
    {
        using var scope = torch.NewDisposeScope();
        var seen = new List<float?>();
        int call = 0;
        // The network predicts x̂0 = call number; it records the x̂0 it is handed (null at the first step).
        var sampler = new Sampler(GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(4),
            (x, t, previous) =>
            {
                seen.Add(previous is null ? null : previous.ToArray<float>()[0]);
                return torch.FullLike(x, ++call);
            }, Parameterization.X0);
        using var gen = new Generator(1);
        sampler.Sample([1, 2, 3], gen);
        Assert.Equal(new float?[] { null, 1, 2, 3 }, seen);
        seen.Clear();
        sampler.Sample([1, 2, 3], gen); // a new run starts without an estimate
        Assert.Equal(new float?[] { null, 5, 6, 7 }, seen);
    }
}
