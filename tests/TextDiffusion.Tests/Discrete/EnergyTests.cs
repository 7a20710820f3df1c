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

    static MaskedDiffusionLM TinyMdlm(ulong seed)
    {
        torch.ManualSeed(seed);
        var diffusion = new MaskedDiffusionLM(new MaskedDiffusionLMConfig(V, L, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0));
        diffusion.Eval();
        return diffusion;
    }

    static readonly long[] Rows = [0, 1, 2, 3, 0, 3, 2, 1, 0, 3, 1, 1, 2, 2, 0];

    [Fact]
    public void The_energy_nelbo_with_a_zero_energy_is_mdlms_nelbo()
    {
        // E ≡ 0 and log Z = 0: p(x0 | x_t) is p_θ's, so the same draws give MDLM's estimate row for row.
        using var scope = torch.NewDisposeScope();
        var diffusion = TinyMdlm(6);
        var ids = torch.Tensor(Rows, [3, L]);
        EnergyFunction zero = (x0, _, _, _) => torch.Zeros([x0.Size(0)]);
        Assert.Equal(diffusion.NelboPerSequence(ids, 4, new Generator(21)),
            diffusion.EnergyNelboPerSequence(ids, zero, estimatePartition: false, 4, new Generator(21)), (a, b) => Math.Abs(a - b) < 1e-6 * Math.Abs(a));   // float32 weights in MDLM's
        // A constant energy with the one-sample log Z: −E − log Ẑ = −c + c = 0 (one t, so the extra draw of x̃ comes after x_t's).
        EnergyFunction constant = (x0, _, _, _) => torch.Full([x0.Size(0)], 2.5, DType.Float32);
        Assert.Equal(diffusion.NelboPerSequence(ids, 1, new Generator(22)),
            diffusion.EnergyNelboPerSequence(ids, constant, estimatePartition: true, 1, new Generator(22)), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void With_the_ar_energy_the_diffusion_models_probabilities_cancel()
    {
        // p_θ(x0 | x_t)·exp(−E) = Π_masked p_AR(x0^ℓ | x0^{<ℓ}): two different MDLMs give the same estimate from the same draws,
        // −w(t) Σ_masked log p_AR, and over many t it is the AR model's NLL of the row (E_t[w(t)·P(masked)] = 1 per token).
        using var scope = torch.NewDisposeScope();
        var lm = TinyAr();
        var ids = torch.Tensor(Rows, [3, L]);
        var (a, b) = (TinyMdlm(6), TinyMdlm(7));
        EnergyFunction energyA = new ArEnergy(lm, a.Process.MaskId).Energy;
        var first = a.EnergyNelboPerSequence(ids, energyA, estimatePartition: false, 8, new Generator(23));
        var second = b.EnergyNelboPerSequence(ids, new ArEnergy(lm, b.Process.MaskId).Energy, estimatePartition: false, 8, new Generator(23));
        Assert.Equal(first, second, (x, y) => Math.Abs(x - y) < 1e-4 * Math.Max(1, Math.Abs(x)));
        Assert.NotEqual(a.NelboPerSequence(ids, 8, new Generator(23)), b.NelboPerSequence(ids, 8, new Generator(23)));
        var many = a.EnergyNelboPerSequence(ids, energyA, estimatePartition: false, 2000, new Generator(24));
        var nll = Autoregressive.PositionLogProbs(lm, ids).Neg().Sum(1).To(DType.Float64).ToArray<double>();
        for (int r = 0; r < 3; r++)
            Assert.InRange(many[r], 0.85 * nll[r], 1.15 * nll[r]);   // Monte-Carlo sd about 6 % at 2,000 times
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
