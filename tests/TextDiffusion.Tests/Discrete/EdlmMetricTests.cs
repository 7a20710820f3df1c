using TextDiffusion.Discrete;
using TextDiffusion.Evaluation;
using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Tests.Discrete;

public class EdlmMetricTests
{
    [Fact]
    public void UnigramEntropyByHand()
    {
        Assert.Equal(1.0, SampleEntropy.Unigram(new long[] { 0, 0, 1, 1 }), 12);
        Assert.Equal(2.0, SampleEntropy.Unigram(new long[] { 4, 5, 6, 7 }), 12);
        Assert.Equal(0.0, SampleEntropy.Unigram(new long[] { 3, 3, 3 }), 12);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(1.5, SampleEntropy.Mean(torch.Tensor(new long[] { 0, 0, 1, 1, 4, 5, 6, 7 }, [2, 4])), 12);
        Assert.Equal(1.5, SampleEntropy.OfData([0, 0, 1, 1, 4, 5, 6, 7, 9], 4), 12);
    }

    [Fact]
    public void PerplexityAndBitsFromNats()
    {
        Assert.Equal(Math.E, LikelihoodBound.Perplexity(10, 10), 12);
        Assert.Equal(1.0, LikelihoodBound.BitsPerToken(20 * Math.Log(2), 20), 12);
    }

    [Fact]
    public void UniformJudgeHasPerplexityV()
    {
        using var scope = torch.NewDisposeScope();
        var judge = new TransformerLM(Autoregressive.Config(7, 6, modelDim: 8, layers: 1, heads: 2, feedForwardDim: 16, dropout: 0));
        using (torch.NoGrad())
            foreach (var p in judge.Parameters()) p.Zero_();                            // logits 0: uniform over the 7 tokens (BOS excluded)
        var samples = torch.RandInt(0, 7, [5, 6], generator: new Generator(1));
        Assert.Equal(7.0, GenerativePerplexity.Compute(judge, samples), 5);
    }

    [Fact]
    public void SpeedUpAtMatchedQuality()
    {
        (double, double)[] slow = [(1, 100), (2, 50), (4, 25)], fast = [(1, 50), (2, 25)];
        Assert.Equal(2.0, SamplingTime.TimeToReach(slow, 50)!.Value, 12);
        Assert.Equal(Math.Sqrt(2), SamplingTime.TimeToReach(slow, Math.Sqrt(100 * 50))!.Value, 9); // log-log midpoint
        Assert.Null(SamplingTime.TimeToReach(slow, 10));
        Assert.Equal(2.0, SamplingTime.SpeedUp(slow, fast, 25)!.Value, 12);
    }

    [Fact]
    public void MatchedTargetIsTheBestQualityBothSamplersReach()
    {
        (double, double)[] slow = [(1, 100), (2, 50), (4, 25)], worse = [(1, 80), (3, 40)];
        Assert.Equal(40.0, SamplingTime.MatchedTarget(slow, worse, floor: 10));        // the method never gets below 40
        Assert.Equal(60.0, SamplingTime.MatchedTarget(slow, worse, floor: 60));        // both reach the floor (e.g. AR's gen PPL): it is the target
        // At 40 the baseline needs 2.5 s (log PPL linear in log time between 2 s and 4 s), the method 3 s: a speed-up
        // below 1, still a measurement.
        Assert.Equal(2.5 / 3, SamplingTime.SpeedUp(slow, worse, SamplingTime.MatchedTarget(slow, worse, 10))!.Value, 9);
    }

    [Fact]
    public void MatchedSpeedUpWithoutSamplingNoiseHasNoInterval()
    {
        // Every sample of a point has the same NLL, so no resample moves a gen PPL: the interval is the point, and the point is the
        // speed-up of the plain curves at their matched target (here 40, as in the test above: 2.5 s against 3 s).
        static (double, IReadOnlyList<double>) Point(double seconds, double ppl) => (seconds, Enumerable.Repeat(Math.Log(ppl), 20).ToArray());
        var slow = new[] { Point(1, 100), Point(2, 50), Point(4, 25) };
        var worse = new[] { Point(1, 80), Point(3, 40) };
        double[] Floor(double ppl) => Enumerable.Repeat(Math.Log(ppl), 20).ToArray();
        var matched = SamplingTime.SpeedUpAtMatchedQuality(slow, worse, Floor(10));
        Assert.Equal(40.0, matched.Target, 9);
        Assert.False(matched.TargetIsFloor);
        Assert.Equal((25.0, 40.0), (Math.Round(matched.BaselineBest, 9), Math.Round(matched.MethodBest, 9)));
        Assert.Equal(2.5 / 3, matched.SpeedUp.Mean, 9);
        Assert.Equal(matched.SpeedUp.Mean, matched.SpeedUp.Lower, 9);
        Assert.Equal(matched.SpeedUp.Mean, matched.SpeedUp.Upper, 9);
        Assert.True(SamplingTime.SpeedUpAtMatchedQuality(slow, worse, Floor(60)).TargetIsFloor);   // both reach the floor: the paper's target
        Assert.Throws<ArgumentException>(() => SamplingTime.SpeedUpAtMatchedQuality(slow, [(1.0, (IReadOnlyList<double>)[])], Floor(10)));
    }

    [Fact]
    public void MatchedSpeedUpIntervalCarriesTheSamplingNoiseOfTheTarget()
    {
        // The method's best point (its last) sets the target. Its samples are noisy (NLLs spread ±0.3 nats around log 40), so a
        // resample moves the target and with it the speed-up: the interval must be wide and hold the point. A speed-up read at the
        // point alone (no interval), as a bug would, fails the width check.
        var random = new Random(3);
        IReadOnlyList<double> Noisy(double ppl) => Enumerable.Range(0, 64).Select(_ => Math.Log(ppl) + 0.3 * (2 * random.NextDouble() - 1)).ToArray();
        var slow = new (double, IReadOnlyList<double>)[] { (1, Noisy(100)), (2, Noisy(50)), (4, Noisy(25)) };
        var method = new (double, IReadOnlyList<double>)[] { (0.5, Noisy(80)), (1, Noisy(40)) };
        var floor = Enumerable.Repeat(Math.Log(10), 64).ToArray();
        var matched = SamplingTime.SpeedUpAtMatchedQuality(slow, method, floor, seed: 7);
        Assert.InRange(matched.SpeedUp.Mean, matched.SpeedUp.Lower, matched.SpeedUp.Upper);
        Assert.True(matched.SpeedUp.Upper - matched.SpeedUp.Lower > 0.05 * matched.SpeedUp.Mean, $"interval {matched.SpeedUp}");
        Assert.Equal(matched.SpeedUp, SamplingTime.SpeedUpAtMatchedQuality(slow, method, floor, seed: 7).SpeedUp);   // seeded: reproducible
    }
}
