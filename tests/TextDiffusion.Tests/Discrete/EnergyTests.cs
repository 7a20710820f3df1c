using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Discrete;

public class EnergyTests(ITestOutputHelper output)
{
    const int V = 4, L = 5;

    static TransformerLM TinyAr()
    {
        torch.ManualSeed(5);
        var lm = new TransformerLM(Autoregressive.Config(V, L, modelDim: 16, layers: 1, heads: 2, feedForwardDim: 32, dropout: 0));
        lm.Eval();
        return lm;
    }

    /// <summary>log p(x^ℓ | BOS, x^{&lt;ℓ}) by running the model on each prefix separately (no reliance on the causal mask).</summary>
    static double PrefixLogProb(TransformerLM lm, long[] row, int position)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var prefix = new[] { (long)V }.Concat(row.Take(position)).ToArray();
        var logits = lm.Forward(torch.Tensor(prefix, [1, prefix.Length])).Select(1, prefix.Length - 1).Squeeze(0).To(DType.Float64).ToArray<double>();
        double logZ = Math.Log(logits.Take(V).Sum(Math.Exp));                           // BOS (id V) is never predicted
        return logits[row[position]] - logZ;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ArEnergyIsMinusArLogLikelihoodPlusProposalLogLikelihood(bool carryOver)
    {
        using var scope = torch.NewDisposeScope();
        var lm = TinyAr();
        long mask = V;
        var x0 = torch.Tensor(new long[] { 0, 3, 1, 2, 2, 1, 1, 0, 3, 2 }, [2, L]);
        var xt = torch.Tensor(new long[] { mask, 3, mask, 2, mask, mask, mask, mask, 3, 2 }, [2, L]);
        var logQ = torch.Tensor(new[] { -3.5f, -6.25f });
        var energy = new ArEnergy(lm, mask, carryOver).Energy(x0, xt, logQ, 0.9).To(DType.Float64).ToArray<double>();
        var ids = x0.ToArray<long>();
        var masked = xt.Eq(mask).ToArray<bool>();
        for (int b = 0; b < 2; b++)
        {
            var row = ids.Skip(b * L).Take(L).ToArray();
            double logAr = Enumerable.Range(0, L).Where(l => !carryOver || masked[b * L + l]).Sum(l => PrefixLogProb(lm, row, l));
            double expected = (b == 0 ? -3.5 : -6.25) - logAr;
            Assert.True(Math.Abs(energy[b] - expected) < 1e-4, $"row {b}: {energy[b]} vs {expected}");
        }
    }

    [Fact]
    public void ArLogLikelihoodSumsToOneOverAllSequences()
    {
        // Σ_x p_AR(x) = 1 over the V^L sequences: the BOS framing scores every token exactly once.
        using var scope = torch.NewDisposeScope();
        var lm = TinyAr();
        var all = new long[(int)Math.Pow(V, L) * L];
        for (int i = 0; i < all.Length / L; i++)
            for (int l = 0, r = i; l < L; l++, r /= V) all[i * L + (L - 1 - l)] = r % V;
        var ids = torch.Tensor(all, [all.Length / L, L]);
        using var noGrad = torch.NoGrad();
        double total = Autoregressive.PositionLogProbs(lm, ids).To(DType.Float64).Sum(1).Exp().Sum().Item();
        Assert.Equal(1.0, total, 5);
    }

    [Fact]
    public void ArSamplesFollowTheModel()
    {
        // Sampled sequences are distributed as p_AR: compare the empirical law of the first two tokens.
        using var scope = torch.NewDisposeScope();
        var lm = TinyAr();
        const int n = 8000;
        var ids = Autoregressive.Sample(lm, n, L, new Generator(9)).ToArray<long>();
        Assert.All(ids, id => Assert.InRange(id, 0, V - 1));
        var exact = new double[V * V];
        for (int a = 0; a < V; a++)
            for (int b = 0; b < V; b++)
            {
                var row = new long[] { a, b, 0, 0, 0 };
                exact[a * V + b] = Math.Exp(PrefixLogProb(lm, row, 0) + PrefixLogProb(lm, row, 1));
            }
        var empirical = new double[V * V];
        for (int i = 0; i < n; i++) empirical[ids[i * L] * V + ids[i * L + 1]] += 1.0 / n;
        double tv = Sir.TotalVariation(empirical, exact), bound = Sir.ExpectedTvBound(exact, n);
        Assert.True(tv < 3 * bound, $"TV {tv} vs {3 * bound}");
    }

    [Fact]
    public void ImportanceSamplingWithTheArEnergyTargetsTheArModel()
    {
        // x_t = all MASK: p_θ·exp(−E) = q·p_AR/q = p_AR, so SIR with many candidates draws from p_AR.
        // This fails if the proposal term enters as a probability instead of a log-probability.
        using var scope = torch.NewDisposeScope();
        var toy = new ToyProposal();
        torch.ManualSeed(10);
        var lm = new TransformerLM(Autoregressive.Config(ToyProposal.V, ToyProposal.L, modelDim: 16, layers: 1, heads: 2, feedForwardDim: 32, dropout: 0));
        lm.Eval();
        var all = Enumerable.Range(0, ToyProposal.K).SelectMany(x => new long[] { x / 9, x / 3 % 3, x % 3 }).ToArray();
        double[] pAr;
        using (torch.NoGrad())
            pAr = Autoregressive.PositionLogProbs(lm, torch.Tensor(all, [ToyProposal.K, ToyProposal.L])).To(DType.Float64).Sum(1).Exp().ToArray<double>();
        var q = toy.Q();
        const int k = 256, n = 6000;
        double bias = Sir.TotalVariation(Sir.Law(q, pAr.Select((p, i) => p / q[i]).ToArray(), k), pAr);
        var energy = new ArEnergy(lm, toy.Process.MaskId, carryOver: false);
        var sampler = new EnergySampler(toy.Process, toy.Denoise, energy.Energy, candidates: k, window: 1);
        using var generator = new Generator(14);
        var xt = toy.Process.Prior(n, ToyProposal.L);
        var empirical = ToyProposal.Histogram(sampler.Resample(xt, toy.Denoise(xt), 1.0, generator).ToArray<long>());
        double tv = Sir.TotalVariation(empirical, pAr), threshold = 3 * Sir.ExpectedTvBound(pAr, n) + bias;
        output.WriteLine($"AR energy, k = {k}: TV(empirical, p_AR) = {tv:F4}, bound {threshold:F4}; TV(q, p_AR) = {Sir.TotalVariation(q, pAr):F4}");
        Assert.True(tv < threshold);
    }

    [Fact]
    public void NceEnergyStartsFromTheBackboneAndIgnoresXtAtInitialisation()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(6);
        var diffusion = new MaskedDiffusionLM(new MaskedDiffusionLMConfig(V, L, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0));
        var energy = NceEnergy.FromDiffusion(diffusion);
        foreach (var (name, tensor) in diffusion.Backbone.StateDict())
            Assert.True(tensor.Eq(energy.Trunk.StateDict()[name]).All().Item() != 0, name);
        var x0 = torch.Tensor(new long[] { 0, 3, 1, 2, 2 }, [1, L]);
        var e1 = energy.Energy(x0, torch.Tensor(new long[] { V, V, V, V, V }, [1, L]), torch.Zeros([1]), 0.9).Item();
        var e2 = energy.Energy(x0, torch.Tensor(new long[] { 0, V, 1, V, 2 }, [1, L]), torch.Zeros([1]), 0.2).Item();
        Assert.Equal(e1, e2, 6);
    }

    [Fact]
    public void NceSeparatesDataFromDiffusionSamples()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        var diffusion = new MaskedDiffusionLM(new MaskedDiffusionLMConfig(V, L, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0));
        diffusion.Eval();
        var energy = NceEnergy.FromDiffusion(diffusion);
        var data = torch.Tensor(new long[] { 0, 1, 2, 3, 0, 3, 2, 1, 0, 3 }, [2, L]).Repeat(16, 1);
        using var generator = new Generator(8);
        double before = energy.Accuracy(diffusion, data, generator);
        var result = Trainer.Run(energy, _ => energy.Loss(diffusion, data, generator), new TrainingOptions(60, LearningRate: 3e-3, LogEvery: 20));
        double after = energy.Accuracy(diffusion, data, generator);
        output.WriteLine($"NCE loss {string.Join(" → ", result.LossCurve.Select(c => c.Loss.ToString("F3")))}; accuracy {before:F2} → {after:F2}");
        Assert.True(after > 0.75);
        Assert.All(diffusion.Parameters(), p => Assert.Null(p.Grad));                  // the diffusion model stays frozen
    }
}
