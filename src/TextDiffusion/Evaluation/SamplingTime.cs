using System.Diagnostics;
using MathNet.Numerics.Random;
using TextDiffusion.Reporting;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Sampling speed: wall time per sample, and the speed-up of one sampler over another at matched
/// quality (the time each needs to reach a target generative perplexity, read off its curve of
/// (seconds per sample, gen PPL) points by interpolating log PPL linearly in log time).
/// </summary>
public static class SamplingTime
{
    /// <summary>Runs <paramref name="draw"/> (which draws <paramref name="count"/> samples) and returns its wall seconds per sample.</summary>
    public static double PerSample(Action draw, int count)
    {
        var clock = Stopwatch.StartNew();
        draw();
        return clock.Elapsed.TotalSeconds / count;
    }

    /// <summary>
    /// The seconds per sample at which a curve (points sorted or not) first reaches <paramref name="targetPerplexity"/>,
    /// or null if it never does. Between points log PPL is linear in log time.
    /// </summary>
    public static double? TimeToReach(IReadOnlyList<(double Seconds, double Perplexity)> curve, double targetPerplexity)
    {
        var points = curve.OrderBy(p => p.Seconds).ToList();
        if (points.Count == 0) return null;
        if (points[0].Perplexity <= targetPerplexity) return points[0].Seconds;
        for (int i = 1; i < points.Count; i++)
        {
            var (t0, p0) = points[i - 1];
            var (t1, p1) = points[i];
            if (p1 > targetPerplexity) continue;
            double f = (Math.Log(p0) - Math.Log(targetPerplexity)) / (Math.Log(p0) - Math.Log(p1));
            return Math.Exp(Math.Log(t0) + f * (Math.Log(t1) - Math.Log(t0)));
        }
        return null;
    }

    /// <summary>
    /// The quality at which two samplers are compared: the best (lowest) gen PPL that both curves reach, but not below
    /// <paramref name="floor"/> (e.g. the AR model's): max(floor, min PPL of baseline, min PPL of method). Both curves reach it,
    /// so the speed-up there is always defined, above 1 or below.
    /// </summary>
    public static double MatchedTarget(IReadOnlyList<(double Seconds, double Perplexity)> baseline,
        IReadOnlyList<(double Seconds, double Perplexity)> method, double floor) =>
        Math.Max(floor, Math.Max(baseline.Min(p => p.Perplexity), method.Min(p => p.Perplexity)));

    /// <summary>
    /// The speed-up at matched quality (<see cref="MatchedTarget"/>) with its 95 % percentile-bootstrap interval over the samples.
    /// A point is (seconds per sample, each sample's mean NLL under the judge); its gen PPL is exp(mean NLL), and so is the floor's
    /// (the AR model's samples, <paramref name="floorNll"/>). Each resample redraws the samples of every point of both curves and of
    /// the floor, so the target moves with them, and reads the speed-up again; the wall times stay as measured, so their own
    /// variation is not in the interval. The statistic is not smooth (a minimum, a first crossing), so the interval can be lopsided.
    /// </summary>
    public static MatchedSpeedUp SpeedUpAtMatchedQuality(IReadOnlyList<(double Seconds, IReadOnlyList<double> Nll)> baseline,
        IReadOnlyList<(double Seconds, IReadOnlyList<double> Nll)> method, IReadOnlyList<double> floorNll, int seed = 0, int resamples = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (baseline.Count == 0 || method.Count == 0) throw new ArgumentException("Both curves need at least one point.");
        if (floorNll.Count == 0 || baseline.Concat(method).Any(p => p.Nll.Count == 0))
            throw new ArgumentException("Every point and the floor need their per-sample NLLs (GenerationRow.SampleNll).");
        var random = new MersenneTwister(seed, threadSafe: false);
        double Resampled(IReadOnlyList<double> nll) => Enumerable.Range(0, nll.Count).Average(_ => nll[random.Next(nll.Count)]);
        (double Target, double Floor, double BaselineBest, double MethodBest, double SpeedUp) Read(Func<IReadOnlyList<double>, double> meanNll)
        {
            var b = baseline.Select(p => (p.Seconds, Math.Exp(meanNll(p.Nll)))).ToList();
            var m = method.Select(p => (p.Seconds, Math.Exp(meanNll(p.Nll)))).ToList();
            double floor = Math.Exp(meanNll(floorNll)), target = MatchedTarget(b, m, floor);
            return (target, floor, b.Min(p => p.Item2), m.Min(p => p.Item2), SpeedUp(b, m, target)!.Value);   // both curves reach the matched target by its definition
        }
        var point = Read(nll => nll.Average());
        var draws = Enumerable.Range(0, resamples).Select(_ => Read(Resampled).SpeedUp).ToList();
        return new MatchedSpeedUp(point.Target, point.Target == point.Floor, point.Floor, point.BaselineBest, point.MethodBest,
            Metric.Percentile(point.SpeedUp, draws, baseline.Concat(method).Sum(p => p.Nll.Count) + floorNll.Count));
    }

    /// <summary>time(baseline) / time(method) to reach the target quality; null when either never reaches it.</summary>
    public static double? SpeedUp(IReadOnlyList<(double Seconds, double Perplexity)> baseline,
        IReadOnlyList<(double Seconds, double Perplexity)> method, double targetPerplexity) =>
        TimeToReach(baseline, targetPerplexity) is { } a && TimeToReach(method, targetPerplexity) is { } b ? a / b : null;
}

/// <summary>A speed-up at matched quality: the target gen PPL, whether it is the floor (the AR model's gen PPL, the paper's
/// target) rather than the best gen PPL both samplers reach, the floor and each sampler's best gen PPL, and the speed-up with its
/// bootstrap interval.</summary>
public sealed record MatchedSpeedUp(double Target, bool TargetIsFloor, double Floor, double BaselineBest, double MethodBest, Metric SpeedUp)
{
    /// <summary>The speed-up as "2.30× [1.34, 2.41]": its interval can be lopsided, so it is not written as ± a half-width.</summary>
    public string SpeedUpText => $"{SpeedUp.Mean:F2}× [{SpeedUp.Lower:F2}, {SpeedUp.Upper:F2}]";
}
