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
    /// A point is (seconds per sample, each sample's mean NLL under the judge); its gen PPL is exp(mean NLL). Each resample redraws
    /// the samples of every point of both curves, so the target moves with them, and reads the speed-up again; the wall times and the
    /// floor stay as measured, so their own variation is not in the interval.
    /// </summary>
    public static MatchedSpeedUp SpeedUpAtMatchedQuality(IReadOnlyList<(double Seconds, IReadOnlyList<double> Nll)> baseline,
        IReadOnlyList<(double Seconds, IReadOnlyList<double> Nll)> method, double floor, int seed = 0, int resamples = 2000)
    {
        var random = new MersenneTwister(seed, threadSafe: false);
        double Resampled(IReadOnlyList<double> nll) => Enumerable.Range(0, nll.Count).Average(_ => nll[random.Next(nll.Count)]);
        (double Target, double SpeedUp) Read(Func<IReadOnlyList<double>, double> meanNll)
        {
            var b = baseline.Select(p => (p.Seconds, Math.Exp(meanNll(p.Nll)))).ToList();
            var m = method.Select(p => (p.Seconds, Math.Exp(meanNll(p.Nll)))).ToList();
            double target = MatchedTarget(b, m, floor);
            return (target, SpeedUp(b, m, target)!.Value);   // both curves reach the matched target by its definition
        }
        var (target, point) = Read(nll => nll.Average());
        var draws = Enumerable.Range(0, resamples).Select(_ => Read(Resampled).SpeedUp).ToList();
        return new MatchedSpeedUp(target, target == floor, Metric.Percentile(point, draws, baseline.Concat(method).Sum(p => p.Nll.Count)));
    }

    /// <summary>time(baseline) / time(method) to reach the target quality; null when either never reaches it.</summary>
    public static double? SpeedUp(IReadOnlyList<(double Seconds, double Perplexity)> baseline,
        IReadOnlyList<(double Seconds, double Perplexity)> method, double targetPerplexity) =>
        TimeToReach(baseline, targetPerplexity) is { } a && TimeToReach(method, targetPerplexity) is { } b ? a / b : null;
}

/// <summary>A speed-up at matched quality: the target gen PPL, whether it is the floor (e.g. the AR model's gen PPL, the paper's
/// target) rather than the best gen PPL both samplers reach, and the speed-up with its bootstrap interval.</summary>
public sealed record MatchedSpeedUp(double Target, bool TargetIsFloor, Metric SpeedUp);
