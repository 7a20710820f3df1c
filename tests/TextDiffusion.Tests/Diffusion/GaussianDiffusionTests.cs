using TextDiffusion.Diffusion;
using Torch;

namespace TextDiffusion.Tests.Diffusion;

public class GaussianDiffusionTests
{
    [Fact]
    public void SqrtScheduleFollowsItsFormula()
    {
        // ᾱ_i = ᾱ((i+1)/T) / ᾱ(0) with ᾱ(t) = 1 − sqrt(t + 1e-4) (the product of β's telescopes);
        // the very last step is clipped at β = 0.999 because ᾱ(1) < 0.
        var d = GaussianDiffusion.Create(ScheduleKind.Sqrt, 2000);
        foreach (int i in new[] { 0, 10, 500, 1998 })
        {
            double expected = (1 - Math.Sqrt((i + 1.0) / 2000 + 1e-4)) / (1 - Math.Sqrt(1e-4));
            Assert.Equal(expected, d.AlphaBar[i], 1e-9);
        }
    }

    [Theory]
    [InlineData(ScheduleKind.Sqrt)]
    [InlineData(ScheduleKind.Linear)]
    [InlineData(ScheduleKind.Cosine)]
    public void AlphaBarDecreasesFromNearOneToNearZero(ScheduleKind kind)
    {
        var d = GaussianDiffusion.Create(kind, 1000);
        Assert.True(d.AlphaBar[0] > 0.95, $"ᾱ_0 = {d.AlphaBar[0]}");
        Assert.True(d.AlphaBar[^1] < 0.01, $"ᾱ_T = {d.AlphaBar[^1]}");
        for (int i = 1; i < d.Steps; i++) Assert.True(d.AlphaBar[i] < d.AlphaBar[i - 1]);
    }

    [Fact]
    public void ClosedFormQSampleMatchesIteratingTheForwardChain()
    {
        // x_t = √(1−β_t)·x_{t−1} + √β_t·ε, iterated t+1 times from x0, against N(√ᾱ_t·x0, 1 − ᾱ_t).
        using var scope = torch.NewDisposeScope();
        var d = GaussianDiffusion.Create(ScheduleKind.Linear, 50);
        using var gen = new Generator(7);
        const int n = 40000, t = 30;
        var x0 = torch.Full([n, 1, 1], 1.5, DType.Float64);
        var x = x0.Clone();
        for (int s = 0; s <= t; s++)
        {
            var eps = torch.Randn([n, 1, 1], DType.Float64, generator: gen);
            x = x * Math.Sqrt(1 - d.Betas[s]) + eps * Math.Sqrt(d.Betas[s]);
        }
        var closed = d.QSample(x0, torch.Full([n], t, DType.Int64), torch.Randn([n, 1, 1], DType.Float64, generator: gen));
        double expectedMean = Math.Sqrt(d.AlphaBar[t]) * 1.5, expectedVar = 1 - d.AlphaBar[t];
        foreach (var sample in new[] { x, closed })
        {
            double mean = sample.Mean().Item(), variance = sample.Var().Item();
            double meanTolerance = 5 * Math.Sqrt(expectedVar / n);           // 5 standard errors
            double varTolerance = 5 * expectedVar * Math.Sqrt(2.0 / (n - 1));
            Assert.InRange(mean, expectedMean - meanTolerance, expectedMean + meanTolerance);
            Assert.InRange(variance, expectedVar - varTolerance, expectedVar + varTolerance);
        }
    }

    [Fact]
    public void PosteriorMatchesGaussianConditioningByHand()
    {
        // q(x_{t−1} | x_t, x0) ∝ N(x_t; √α_t x_{t−1}, β_t) · N(x_{t−1}; √ᾱ_{t−1} x0, 1 − ᾱ_{t−1}):
        // precision = α_t/β_t + 1/(1 − ᾱ_{t−1}); mean = (√α_t x_t/β_t + √ᾱ_{t−1} x0/(1 − ᾱ_{t−1})) / precision.
        using var scope = torch.NewDisposeScope();
        var d = new GaussianDiffusion([0.1, 0.2, 0.3]);
        const int t = 2;
        double x0 = 0.7, xt = -0.4, alpha = 1 - 0.3, abPrev = 0.9 * 0.8;
        double precision = alpha / 0.3 + 1 / (1 - abPrev);
        double mean = (Math.Sqrt(alpha) * xt / 0.3 + Math.Sqrt(abPrev) * x0 / (1 - abPrev)) / precision;
        var (m, v, logV) = d.PosteriorMeanVariance(torch.Full([1, 1, 1], x0, DType.Float64),
            torch.Full([1, 1, 1], xt, DType.Float64), torch.Full([1], t, DType.Int64));
        Assert.Equal(mean, m.Item(), 1e-12);
        Assert.Equal(1 / precision, v.Item(), 1e-12);
        Assert.Equal(Math.Log(1 / precision), logV.Item(), 1e-12);
    }

    [Fact]
    public void RespacedScheduleKeepsAlphaBarAtKeptSteps()
    {
        var d = GaussianDiffusion.Create(ScheduleKind.Sqrt, 2000);
        var spaced = d.Respace(200);
        Assert.Equal(200, spaced.Steps);
        Assert.Equal(0, spaced.TimestepMap[0]);
        Assert.Equal(1999, spaced.TimestepMap[^1]);
        for (int k = 0; k < spaced.Steps; k++) Assert.Equal(d.AlphaBar[spaced.TimestepMap[k]], spaced.AlphaBar[k], 1e-12);
    }

    [Fact]
    public void EpsilonAndX0PredictionsAreInverse()
    {
        using var scope = torch.NewDisposeScope();
        var d = GaussianDiffusion.Create(ScheduleKind.Cosine, 100);
        using var gen = new Generator(1);
        var x0 = torch.Randn([3, 4, 2], DType.Float64, generator: gen);
        var eps = torch.Randn([3, 4, 2], DType.Float64, generator: gen);
        var t = torch.Tensor(new long[] { 0, 50, 99 });
        var xt = d.QSample(x0, t, eps);
        Assert.True((d.PredictX0FromEps(xt, t, eps) - x0).Abs().Max().Item() < 1e-9);
        Assert.True((d.PredictEpsFromX0(xt, t, x0) - eps).Abs().Max().Item() < 1e-9);
    }

    [Fact]
    public void NoiseFactorScalesOnlyTheNoise()
    {
        using var scope = torch.NewDisposeScope();
        var d = GaussianDiffusion.Create(ScheduleKind.Sqrt, 100);
        var x0 = torch.Ones([2, 3, 4]);
        var eps = torch.Ones([2, 3, 4]);
        var t = torch.Tensor(new long[] { 10, 60 });
        var plain = d.QSample(x0, t, eps);
        var scaled = d.QSample(x0, t, eps, noiseFactor: 4);
        var signal = d.QSample(x0, t, torch.ZerosLike(eps));
        // (scaled − signal) = 4·(plain − signal)
        Assert.True(((scaled - signal) - (plain - signal) * 4).Abs().Max().Item() < 1e-5);
    }

    [Fact]
    public void LossAwareSamplerWeightsAreUnbiased()
    {
        var sampler = new TimestepSampler(5, lossAware: true, history: 2);
        for (int rep = 0; rep < 2; rep++) sampler.Update([0, 1, 2, 3, 4], [1, 2, 3, 4, 5]);
        var p = sampler.Probabilities();
        Assert.Equal(1.0, p.Sum(), 1e-12);
        Assert.True(p[4] > p[0]);
        // E_p[1/(T·p)] = Σ p · 1/(T·p) = 1
        Assert.Equal(1.0, p.Sum(pi => pi / (5 * pi)), 1e-12);
    }
}
