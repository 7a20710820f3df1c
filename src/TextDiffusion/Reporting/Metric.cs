using System.Globalization;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace TextDiffusion.Reporting;

/// <summary>
/// A measured mean with a confidence interval, printed as <c>mean ± half-width</c> with the
/// half-width to two significant digits and the mean to the same decimals.
/// </summary>
/// <param name="Mean">The sample mean.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Confidence">Coverage of the interval, e.g. 0.95.</param>
/// <param name="Samples">Number of observations behind the mean.</param>
public sealed record Metric(double Mean, double Lower, double Upper, double Confidence, int Samples) : IFormattable
{
    /// <summary>Half the interval's width: the "±" part.</summary>
    public double HalfWidth => (Upper - Lower) / 2;

    /// <summary>
    /// The mean of <paramref name="values"/> with a percentile-bootstrap interval: the sample is
    /// resampled with replacement <paramref name="resamples"/> times (Mersenne Twister seeded with
    /// <paramref name="seed"/>, so the result is reproducible) and the interval is the central
    /// <paramref name="confidence"/> quantile range (R-7) of the resampled means.
    /// </summary>
    public static Metric Bootstrap(IEnumerable<double> values, int seed = 0, int resamples = 2000, double confidence = 0.95)
    {
        var sample = values.ToArray();
        if (sample.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Values must be finite (no NaN or infinity).", nameof(values));
        }

        return Bootstrap(sample.Length, indices => indices.Average(i => sample[i]), seed, resamples, confidence);
    }

    /// <summary>
    /// Any statistic of <paramref name="count"/> observations with a percentile-bootstrap interval:
    /// <paramref name="statistic"/> receives the indices of a resample (with repetitions). The point
    /// estimate is the statistic of the whole sample. Use it for ratios such as lm-score =
    /// exp(Σ NLL / Σ tokens), where resampling sentences keeps each sentence's tokens together.
    /// </summary>
    public static Metric Bootstrap(int count, Func<int[], double> statistic, int seed = 0, int resamples = 2000, double confidence = 0.95)
    {
        if (count == 0)
        {
            throw new ArgumentException("A metric needs at least one value.", nameof(count));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        if (confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0 and 1.");
        }

        var random = new MersenneTwister(seed, threadSafe: false);
        var statistics = new double[resamples];
        var indices = new int[count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < count; i++)
            {
                indices[i] = random.Next(count);
            }

            statistics[r] = statistic(indices);
        }

        return Percentile(statistic(Enumerable.Range(0, count).ToArray()), statistics, count, confidence);
    }

    /// <summary>
    /// A point estimate with a percentile-bootstrap interval from its resampled statistics <paramref name="draws"/>: the
    /// central <paramref name="confidence"/> quantile range (R-7). <paramref name="samples"/> is the number of observations behind it.
    /// </summary>
    public static Metric Percentile(double point, IEnumerable<double> draws, int samples, double confidence = 0.95)
    {
        var sorted = draws.Order().ToArray();
        var tail = (1 - confidence) / 2;
        return new Metric(point, SortedArrayStatistics.QuantileCustom(sorted, tail, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(sorted, 1 - tail, QuantileDefinition.R7), confidence, samples);
    }

    /// <summary>
    /// The mean of independent metrics (e.g. the success rates of five control tasks): the mean of
    /// their means, with half-width √(Σ hwᵢ²) / n, the normal approximation for a mean of
    /// independent estimates. All must share one confidence level.
    /// </summary>
    public static Metric MeanOfIndependent(IReadOnlyCollection<Metric> metrics)
    {
        if (metrics.Count == 0)
        {
            throw new ArgumentException("A mean needs at least one metric.", nameof(metrics));
        }

        var confidence = metrics.First().Confidence;
        if (metrics.Any(m => m.Confidence != confidence))
        {
            throw new ArgumentException($"Metrics must share one confidence level; got {string.Join(", ", metrics.Select(m => m.Confidence).Distinct())}.", nameof(metrics));
        }

        var mean = metrics.Average(m => m.Mean);
        var halfWidth = Math.Sqrt(metrics.Sum(m => m.HalfWidth * m.HalfWidth)) / metrics.Count; // hw(mean) = √(Σ hwᵢ²) / n
        return new Metric(mean, mean - halfWidth, mean + halfWidth, confidence, metrics.Sum(m => m.Samples));
    }

    /// <summary>Half-width of the difference of two independent estimates: √(hw₁² + hw₂²).</summary>
    public double DifferenceHalfWidth(Metric other) => Math.Sqrt(HalfWidth * HalfWidth + other.HalfWidth * other.HalfWidth);

    /// <summary>Whether this mean exceeds <paramref name="other"/>'s by more than <see cref="DifferenceHalfWidth"/>: a difference beyond sampling noise.</summary>
    public bool ClearlyAbove(Metric other) => Mean - other.Mean > DifferenceHalfWidth(other);

    /// <summary>Whether this mean lies below <paramref name="other"/>'s by more than <see cref="DifferenceHalfWidth"/>.</summary>
    public bool ClearlyBelow(Metric other) => other.Mean - Mean > DifferenceHalfWidth(other);

    /// <inheritdoc />
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats as <c>mean ± half-width</c>. With a <paramref name="format"/> (e.g. "F3") both numbers
    /// use it; without, the half-width gets two significant digits and the mean the same decimals.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        formatProvider ??= CultureInfo.InvariantCulture;
        if (!string.IsNullOrEmpty(format))
        {
            return $"{Mean.ToString(format, formatProvider)} ± {HalfWidth.ToString(format, formatProvider)}";
        }

        if (HalfWidth <= 0)
        {
            return $"{Mean.ToString("G6", formatProvider)} ± 0";
        }

        var decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(HalfWidth)), 0, 10);
        var fixedPoint = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return $"{Mean.ToString(fixedPoint, formatProvider)} ± {HalfWidth.ToString(fixedPoint, formatProvider)}";
    }
}
