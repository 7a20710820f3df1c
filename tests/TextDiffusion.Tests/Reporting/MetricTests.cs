using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

public sealed class MetricTests
{
    [Fact]
    public void Two_points_give_the_exact_bootstrap_interval()
    {
        // Resampled means of {0, 1} are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4:
        // the 2.5% and 97.5% quantiles are exactly 0 and 1.
        var metric = Metric.Bootstrap([0.0, 1.0], seed: 7, resamples: 4000);

        Assert.Equal(0.5, metric.Mean);
        Assert.Equal(0.0, metric.Lower);
        Assert.Equal(1.0, metric.Upper);
        Assert.Equal(0.5, metric.HalfWidth);
        Assert.Equal(2, metric.Samples);
        Assert.Equal("0.50 ± 0.50", metric.ToString());
    }

    [Fact]
    public void Matches_the_normal_approximation_for_a_large_sample()
    {
        var values = Enumerable.Range(0, 400).Select(i => (double)(i % 20)).ToArray();
        var standardError = Math.Sqrt((20.0 * 20.0 - 1) / 12) / Math.Sqrt(values.Length);

        var metric = Metric.Bootstrap(values, seed: 1, resamples: 4000);

        Assert.Equal(9.5, metric.Mean, 12);
        Assert.InRange(metric.HalfWidth, 1.96 * standardError * 0.92, 1.96 * standardError * 1.08);
        Assert.InRange(metric.Mean, metric.Lower, metric.Upper);
    }

    [Fact]
    public void Is_deterministic_under_a_seed()
    {
        var values = Enumerable.Range(0, 50).Select(i => Math.Sin(i) * 10).ToArray();

        Assert.Equal(Metric.Bootstrap(values, seed: 3), Metric.Bootstrap(values, seed: 3));
        Assert.NotEqual(Metric.Bootstrap(values, seed: 3), Metric.Bootstrap(values, seed: 4));
    }

    [Fact]
    public void Constant_values_have_zero_width()
    {
        var metric = Metric.Bootstrap([3.0, 3.0, 3.0]);

        Assert.Equal(0, metric.HalfWidth);
        Assert.Equal("3 ± 0", metric.ToString());
    }

    [Fact]
    public void Prints_the_half_width_to_two_significant_digits()
    {
        Assert.Equal("23.46 ± 0.12", new Metric(23.4567, 23.3333, 23.58, 0.95, 10).ToString());
        Assert.Equal("1235 ± 25", new Metric(1234.6, 1210, 1260, 0.95, 10).ToString());
        Assert.Equal("23.457 ± 0.123", new Metric(23.4567, 23.3333, 23.58, 0.95, 10).ToString("F3", null));
    }

    [Fact]
    public void Rejects_empty_and_non_finite_samples()
    {
        Assert.Throws<ArgumentException>(() => Metric.Bootstrap([]));
        Assert.Throws<ArgumentException>(() => Metric.Bootstrap([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metric.Bootstrap([1.0], confidence: 1.5));
    }
}
