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

    [Fact]
    public void The_mean_of_independent_metrics_adds_half_widths_in_quadrature()
    {
        // Two tasks with half-widths 3 and 4: the mean's half-width is √(9 + 16) / 2 = 2.5.
        var a = new Metric(10, 7, 13, 0.95, 6);
        var b = new Metric(20, 16, 24, 0.95, 6);

        var mean = Metric.MeanOfIndependent([a, b]);

        Assert.Equal(15, mean.Mean, 12);
        Assert.Equal(2.5, mean.HalfWidth, 12);
        Assert.Equal(12, mean.Samples);
        Assert.Equal(0.95, mean.Confidence);
        Assert.Throws<ArgumentException>(() => Metric.MeanOfIndependent([a, new Metric(0, -1, 1, 0.9, 3)]));
        Assert.Throws<ArgumentException>(() => Metric.MeanOfIndependent([]));
    }

    [Fact]
    public void A_difference_counts_only_beyond_the_half_width_of_the_difference()
    {
        // Half-widths 3 and 4: the difference's half-width is 5.
        var low = new Metric(10, 7, 13, 0.95, 6);
        var within = new Metric(14.9, 10.9, 18.9, 0.95, 6);
        var beyond = new Metric(15.1, 11.1, 19.1, 0.95, 6);

        Assert.Equal(5, low.DifferenceHalfWidth(within), 12);
        Assert.False(within.ClearlyAbove(low));
        Assert.False(low.ClearlyBelow(within));
        Assert.True(beyond.ClearlyAbove(low));
        Assert.True(low.ClearlyBelow(beyond));
        Assert.False(low.ClearlyAbove(beyond));
    }
}
