using System.Diagnostics;

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

    /// <summary>time(baseline) / time(method) to reach the target quality; null when either never reaches it.</summary>
    public static double? SpeedUp(IReadOnlyList<(double Seconds, double Perplexity)> baseline,
        IReadOnlyList<(double Seconds, double Perplexity)> method, double targetPerplexity) =>
        TimeToReach(baseline, targetPerplexity) is { } a && TimeToReach(method, targetPerplexity) is { } b ? a / b : null;
}
