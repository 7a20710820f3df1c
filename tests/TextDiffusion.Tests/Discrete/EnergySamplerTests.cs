using TextDiffusion.Discrete;
using Torch;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Discrete;

/// <summary>
/// The "must show": the parallel importance sampler against exactly computable laws on the
/// 27-sequence toy space. Each check draws N sequences and asserts TV(empirical, exact) below 3× the
/// bound on its expectation, ½ Σ_x sqrt(p(x)(1 − p(x))/N).
/// </summary>
public class EnergySamplerTests(ITestOutputHelper output)
{
    static double[] Weights(ToyProposal toy, double sign = 1) => toy.Energy.Select(e => Math.Exp(-sign * e)).ToArray();

    /// <summary>N resampled x0 with k candidates from x_t = all MASK, in chunks (each chunk's tensors freed).</summary>
    static double[] ResampledLaw(ToyProposal toy, int k, int n, int chunk, ulong seed, double sign = 1)
    {
        var sampler = new EnergySampler(toy.Process, toy.Denoise, toy.EnergyFunction(sign), candidates: k, window: 1);
        using var generator = new Generator(seed);
        var all = new List<long>();
        for (int done = 0; done < n; done += chunk)
        {
            using var scope = torch.NewDisposeScope();
            var xt = toy.Process.Prior(Math.Min(chunk, n - done), ToyProposal.L);
            var x0 = sampler.Resample(xt, toy.Denoise(xt), 1.0, generator);
            all.AddRange(x0.ToArray<long>());
        }
        return ToyProposal.Histogram(all.ToArray());
    }

    [Fact]
    public void ExactSirLawsAgreeWithEachOther()
    {
        var toy = new ToyProposal();
        var q = toy.Q();
        var w = Weights(toy);
        Assert.Equal(1.0, q.Sum(), 12);
        Assert.True(Sir.TotalVariation(Sir.Law(q, w, 1), q) < 1e-6);                 // k = 1: no reweighting
        Assert.True(Sir.TotalVariation(Sir.Law(q, w, 2), Sir.PairLaw(q, w)) < 1e-6);  // the integral = the enumeration
        var target = Sir.Target(q, w);
        double bias2 = Sir.TotalVariation(Sir.PairLaw(q, w), target), bias512 = Sir.TotalVariation(Sir.Law(q, w, 512), target);
        output.WriteLine($"TV(q, π) = {Sir.TotalVariation(q, target):F4}; SIR bias TV(P_2, π) = {bias2:F4}, TV(P_512, π) = {bias512:F5}");
        Assert.True(bias512 < bias2 / 50);
    }

    [Fact]
    public void TwoCandidatesMatchTheEnumeratedSirLaw()
    {
        var toy = new ToyProposal();
        var exact = Sir.PairLaw(toy.Q(), Weights(toy));
        const int n = 40_000;
        var empirical = ResampledLaw(toy, k: 2, n, chunk: n, seed: 11);
        double tv = Sir.TotalVariation(empirical, exact), bound = Sir.ExpectedTvBound(exact, n);
        output.WriteLine($"(a) k = 2, N = {n}: TV(empirical, exact pair law) = {tv:F4}, E[TV] bound = {bound:F4}, assert < {3 * bound:F4}");
        Assert.True(tv < 3 * bound);
        double tvTarget = Sir.TotalVariation(empirical, Sir.Target(toy.Q(), Weights(toy)));
        output.WriteLine($"    (for contrast: TV(empirical, π) = {tvTarget:F4} — k = 2 is not yet π)");
    }

    [Fact]
    public void ManyCandidatesMatchTheTargetAndPlusEnergyFails()
    {
        var toy = new ToyProposal();
        var q = toy.Q();
        var target = Sir.Target(q, Weights(toy));
        const int k = 512, n = 10_000;
        double bias = Sir.TotalVariation(Sir.Law(q, Weights(toy), k), target);
        double threshold = 3 * Sir.ExpectedTvBound(target, n) + bias;

        var empirical = ResampledLaw(toy, k, n, chunk: 2_500, seed: 12);
        double tv = Sir.TotalVariation(empirical, target);
        output.WriteLine($"(b) k = {k}, N = {n}: TV(empirical, π) = {tv:F4}, bound 3·E[TV] + SIR bias = {threshold:F4} (bias {bias:F5})");
        Assert.True(tv < threshold);

        var wrong = ResampledLaw(toy, k, n, chunk: 2_500, seed: 13, sign: -1);      // weights ∝ exp(+E): the public code's sign
        double tvWrong = Sir.TotalVariation(wrong, target);
        output.WriteLine($"(c) weights ∝ exp(+E): TV(empirical, π) = {tvWrong:F4}, {tvWrong / threshold:F1}× the bound");
        Assert.True(tvWrong > 10 * threshold);
    }

    [Fact]
    public void FullSamplerWithOneStepDrawsTheSirLaw()
    {
        // One denoising step from t = 1 reveals every token (up to 1e-5), so x is the resampled x0.
        var toy = new ToyProposal();
        var exact = Sir.PairLaw(toy.Q(), Weights(toy));
        var sampler = new EnergySampler(toy.Process, toy.Denoise, toy.EnergyFunction(), candidates: 2, window: 0.2);
        using var generator = new Generator(21);
        const int n = 20_000;
        using var sample = sampler.Sample(n, ToyProposal.L, steps: 1, generator);
        var empirical = ToyProposal.Histogram(sample.Ids.ToArray<long>());
        double tv = Sir.TotalVariation(empirical, exact), bound = Sir.ExpectedTvBound(exact, n);
        output.WriteLine($"EnergySampler.Sample, 1 step, k = 2: TV = {tv:F4}, bound {3 * bound:F4}; energy calls {sample.EnergyCalls}");
        Assert.True(tv < 3 * bound);
        Assert.Equal(1, sample.EnergyCalls);
    }

    [Fact]
    public void OutsideTheWindowItIsPlainMdlm()
    {
        // With a constant proposal, MDLM's ancestral sampler draws exactly q whatever the number of steps.
        var toy = new ToyProposal();
        var q = toy.Q();
        var sampler = new EnergySampler(toy.Process, toy.Denoise, toy.EnergyFunction(), candidates: 2, window: 0);
        using var generator = new Generator(22);
        const int n = 20_000;
        using var sample = sampler.Sample(n, ToyProposal.L, steps: 8, generator);
        var empirical = ToyProposal.Histogram(sample.Ids.ToArray<long>());
        double tv = Sir.TotalVariation(empirical, q), bound = Sir.ExpectedTvBound(q, n);
        output.WriteLine($"w = 0, 8 steps: TV(empirical, q) = {tv:F4}, bound {3 * bound:F4}");
        Assert.True(tv < 3 * bound);
        Assert.Equal(0, sample.EnergyCalls);
    }

    [Fact]
    public void WindowCoversTheEarliestSteps()
    {
        var toy = new ToyProposal();
        var sampler = new EnergySampler(toy.Process, toy.Denoise, toy.EnergyFunction(), window: 0.2);
        var grid = MaskedDiffusion.TimeGrid(10);
        Assert.Equal([true, true, true, false, false, false, false, false, false, false], grid[..^1].Select(sampler.InWindow));
    }
}
