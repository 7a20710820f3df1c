using TextDiffusion.Discrete;
using Torch;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Discrete;

public class MaskedDiffusionTests(ITestOutputHelper output)
{
    static MaskedDiffusionLM TinyModel(int vocab, int length = 8)
    {
        torch.ManualSeed(3);
        var model = new MaskedDiffusionLM(new MaskedDiffusionLMConfig(vocab, length, ModelDim: 32, Layers: 1, Heads: 2, FeedForwardDim: 64, Dropout: 0));
        model.Eval();
        return model;
    }

    [Fact]
    public void ScheduleIsLogLinear()
    {
        var p = new MaskedDiffusion(10);
        Assert.Equal(1.0, p.Alpha(0), 12);
        Assert.Equal(1e-3, p.Alpha(1), 12);
        Assert.Equal(1 / 0.25, p.Weight(0.25), 9);                              // −α'/(1 − α) = 1/t
        Assert.Equal((p.Alpha(0.3) - p.Alpha(0.7)) / (1 - p.Alpha(0.7)), p.RevealProbability(0.7, 0.3), 12);
        Assert.Equal(0.4 / 0.7, p.RevealProbability(0.7, 0.3), 9);
        var t = p.SampleTimes(8, new Generator(1));
        Assert.All(t, ti => Assert.InRange(ti, 1e-3, 1));
        Assert.Equal(8, t.Select(ti => (int)((ti - 1e-3) / (1 - 1e-3) * 8)).Distinct().Count()); // one per stratum
    }

    [Fact]
    public void ForwardProcessMasksWithProbabilityOneMinusAlpha()
    {
        using var scope = torch.NewDisposeScope();
        var p = new MaskedDiffusion(5);
        const int n = 4000, l = 10;
        var x0 = torch.RandInt(0, 5, [n, l], generator: new Generator(2));
        var xt = p.QSample(x0, Enumerable.Repeat(0.6, n).ToArray(), new Generator(3));
        double fraction = xt.Eq(p.MaskId).To(DType.Float64).Mean().Item();
        double expected = 1 - p.Alpha(0.6), sd = Math.Sqrt(expected * (1 - expected) / (n * l));
        Assert.True(Math.Abs(fraction - expected) < 4 * sd, $"{fraction} vs {expected}");
        var kept = xt.Ne(p.MaskId);
        Assert.True(xt.MaskedSelect(kept).Eq(x0.MaskedSelect(kept)).All().Item() != 0);
    }

    [Fact]
    public void PosteriorRevealsWithTheRightProbabilityAndKeepsRevealedTokens()
    {
        using var scope = torch.NewDisposeScope();
        var p = new MaskedDiffusion(5);
        const int n = 4000, l = 10;
        double t = 0.7, s = 0.45;
        var x0 = torch.RandInt(0, 5, [n, l], generator: new Generator(4));
        var xt = p.QSample(x0, Enumerable.Repeat(t, n).ToArray(), new Generator(5));
        var xs = p.PosteriorStep(xt, x0, t, s, new Generator(6));
        var wasMasked = xt.Eq(p.MaskId);
        double maskedCount = wasMasked.Sum().Item();
        double revealed = xs.Ne(p.MaskId).LogicalAnd(wasMasked).Sum().Item() / maskedCount;
        double expected = p.RevealProbability(t, s), sd = Math.Sqrt(expected * (1 - expected) / maskedCount);
        output.WriteLine($"reveal fraction {revealed:F4}, (α_s − α_t)/(1 − α_t) = {expected:F4}, 4σ = {4 * sd:F4}");
        Assert.True(Math.Abs(revealed - expected) < 4 * sd);
        var notMasked = xs.Ne(p.MaskId);
        Assert.True(xs.MaskedSelect(notMasked).Eq(x0.MaskedSelect(notMasked)).All().Item() != 0); // revealed = x0
        var unmaskedBefore = wasMasked.LogicalNot();
        Assert.True(xs.MaskedSelect(unmaskedBefore).Eq(xt.MaskedSelect(unmaskedBefore)).All().Item() != 0);
    }

    [Fact]
    public void SubsNeverPredictsMaskAndCarriesUnmaskedTokens()
    {
        using var scope = torch.NewDisposeScope();
        var model = TinyModel(6);
        var p = model.Process;
        var x0 = torch.RandInt(0, 6, [4, 8], generator: new Generator(7));
        var xt = p.QSample(x0, [0.5, 0.5, 0.9, 0.1], new Generator(8));
        var probs = model.LogProbs(xt).Exp();
        Assert.Equal(0.0, probs.Select(2, p.MaskId).Max().Item());                    // p(MASK) = 0 everywhere
        Assert.True((probs.Sum(2) - 1.0).Abs().Max().Item() < 1e-5);
        var unmasked = xt.Ne(p.MaskId);
        var atToken = probs.Gather(2, xt.Unsqueeze(-1)).Squeeze(-1);
        Assert.Equal(1.0, atToken.MaskedSelect(unmasked).Min().Item(), 6);           // carry-over: p(x0 = x_t) = 1
        using var sample = model.Sample(16, 10, new Generator(9));
        Assert.True(sample.Ids.Lt(6).All().Item() != 0);                               // no MASK in samples
    }

    [Fact]
    public void NelboIsZeroForAOneTokenVocabulary()
    {
        // V = 1: every sequence is 0…0, its NLL is 0; SUBS leaves a single possible token, so the bound is exact.
        using var scope = torch.NewDisposeScope();
        var model = TinyModel(1);
        var ids = torch.Zeros([3, 8], DType.Int64);
        var (nats, tokens) = model.Nelbo(ids, 4, new Generator(10));
        Assert.Equal(24, tokens);
        Assert.Equal(0.0, nats, 9);
        Assert.Equal(0.0, model.Loss(ids, new Generator(11)).Item(), 9);
    }

    [Fact]
    public void NelboPerSequenceSplitsTheSameEstimateByRow()
    {
        // Same generator seed, same draws of u and x_t: the rows' NELBOs (each averaged over the 4 times) add up to the batch's.
        using var scope = torch.NewDisposeScope();
        var model = TinyModel(6);
        var ids = torch.Tensor(new long[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 0, 1, 2, 5, 4, 3, 2, 1, 0, 5, 4 }, [3, 8]);
        var (nats, tokens) = model.Nelbo(ids, 4, new Generator(21));
        var rows = model.NelboPerSequence(ids, 4, new Generator(21));
        Assert.Equal(24, tokens);
        Assert.Equal(3, rows.Length);
        Assert.Equal(nats, rows.Sum(), 9);
        Assert.All(rows, r => Assert.True(r > 0));
    }

    [Fact]
    public void NelboOfAnExactFactorisedDenoiserEqualsTheNll()
    {
        // Data with independent positions and a denoiser that returns their exact marginals: the NELBO is
        // E_t[(1/t)·P(masked | t)]·NLL = (1 − ε)·NLL, tight up to the schedule's ε.
        using var scope = torch.NewDisposeScope();
        var toy = new ToyProposal();
        var p = toy.Process;
        var q = toy.Q();
        using var g = new Generator(12);
        const int n = 20_000;
        var x0 = toy.Process.Prior(n, ToyProposal.L);
        var drawn = EnergySampler.DrawCandidates(toy.Denoise(x0), 1, g);               // x0 ~ q
        var t = p.SampleTimes(n, g);
        var xt = p.QSample(drawn, t, g);
        var terms = p.NelboTerms(toy.Denoise(xt), drawn, xt, t).To(DType.Float64);
        double nelbo = terms.Mean().Item(), standardError = Math.Sqrt(terms.Var().Item() / n);
        double entropy = -q.Sum(qi => qi * Math.Log(qi));                              // E[NLL] under q
        output.WriteLine($"NELBO {nelbo:F4} ± {standardError:F4} vs (1 − ε)·H(q) {(1 - p.ScheduleEps) * entropy:F4}");
        Assert.True(Math.Abs(nelbo - (1 - p.ScheduleEps) * entropy) < 4 * standardError);
    }

    /// <summary>A correlated law of two binary tokens, p(x¹x²) for 00, 01, 10, 11: its marginals are 0.6 / 0.4 on both positions.</summary>
    static readonly double[] Joint = [0.5, 0.1, 0.1, 0.3];

    /// <summary>
    /// A denoiser that knows <see cref="Joint"/> exactly: at a masked position, the marginal when the other position is masked
    /// and the conditional given it otherwise; at an unmasked one, the token itself (SUBS). Log-probabilities [B, 2, 3].
    /// </summary>
    static Tensor ExactConditionals(Tensor xt)
    {
        const long mask = 2;
        var x = xt.ToArray<long>();
        long batch = xt.Size(0);
        var logProbs = new float[batch * 2 * 3];
        for (long b = 0; b < batch; b++)
            for (int l = 0; l < 2; l++)
            {
                long self = x[b * 2 + l], other = x[b * 2 + 1 - l];
                double P(long v, long o) => l == 0 ? Joint[2 * v + o] : Joint[2 * o + v];           // p(x^l = v, x^other = o)
                for (long v = 0; v < 2; v++)
                {
                    double p = self != mask ? (v == self ? 1 : 0)
                        : other == mask ? P(v, 0) + P(v, 1)
                        : P(v, other) / (P(0, other) + P(1, other));
                    logProbs[(b * 2 + l) * 3 + v] = (float)Math.Log(p);
                }
                logProbs[(b * 2 + l) * 3 + 2] = float.NegativeInfinity;                           // never MASK
            }
        return torch.Tensor(logProbs, [batch, 2, 3]);
    }

    static double[] Frequencies(Tensor ids)
    {
        var x = ids.ToArray<long>();
        var counts = new double[4];
        for (int i = 0; i < x.Length; i += 2) counts[2 * x[i] + x[i + 1]]++;
        return counts.Select(c => c / (x.Length / 2)).ToArray();
    }

    [Fact]
    public void OneTokenPerStepDrawsTheJointLawOfExactConditionals_WhereOneStepDrawsTheProductOfMarginals()
    {
        const int n = 20000;
        var sampler = new MaskedSampler(new MaskedDiffusion(2), ExactConditionals);
        using var oneByOne = sampler.SampleOneByOne(n, 2, new Generator(5));
        using var oneStep = sampler.Sample(n, 2, steps: 1, new Generator(5));
        var exact = Frequencies(oneByOne.Ids);
        var independent = Frequencies(oneStep.Ids);
        output.WriteLine($"p = [{string.Join(", ", Joint)}]; one token per step [{string.Join(", ", exact.Select(f => f.ToString("F3")))}]; one step [{string.Join(", ", independent.Select(f => f.ToString("F3")))}]");
        Assert.Equal(2, oneByOne.DenoiserCalls);
        for (int k = 0; k < 4; k++)
            Assert.True(Math.Abs(exact[k] - Joint[k]) < 0.02, $"sequence {k}: frequency {exact[k]:F3}, law {Joint[k]} (standard error ≤ 0.004)");
        Assert.True(Math.Abs(independent[0] - 0.36) < 0.02, $"one step draws both tokens from their marginals: p(00) = 0.6² = 0.36, got {independent[0]:F3}");
    }

    [Fact]
    public void CachingGivesTheSameSamplesWithFewerNetworkCalls()
    {
        using var scope = torch.NewDisposeScope();
        var model = TinyModel(7);
        const int steps = 64;
        using var cached = model.Sample(4, steps, new Generator(13), cache: true);
        using var uncached = model.Sample(4, steps, new Generator(13), cache: false);
        output.WriteLine($"{steps} steps: {cached.DenoiserCalls} network calls with the cache, {uncached.DenoiserCalls} without");
        Assert.Equal(uncached.Ids.ToArray<long>(), cached.Ids.ToArray<long>());
        Assert.True(uncached.DenoiserCalls >= steps);
        Assert.True(cached.DenoiserCalls < steps / 2);
    }

    [Fact]
    public void TrainingLossDecreasesOnARepeatedPattern()
    {
        using var scope = torch.NewDisposeScope();
        var model = TinyModel(4);
        model.Train();
        var ids = torch.Tensor(new long[] { 0, 1, 2, 3, 0, 1, 2, 3 }, [1, 8]).Repeat(16, 1);
        var result = TextDiffusion.Training.Trainer.Run(model, step => model.Loss(ids), new TextDiffusion.Training.TrainingOptions(60, LearningRate: 3e-3, LogEvery: 20));
        output.WriteLine(string.Join(", ", result.LossCurve.Select(c => $"{c.Step}: {c.Loss:F3}")));
        Assert.True(result.LossCurve[^1].Loss < 0.5 * result.LossCurve[0].Loss);
    }
}
