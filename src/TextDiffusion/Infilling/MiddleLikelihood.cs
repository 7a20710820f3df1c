using TextDiffusion.Data;
using TextDiffusion.Reporting;

namespace TextDiffusion.Infilling;

/// <summary>
/// How likely the two AR infillers find the gold middles: does the model that reads obs2 before obs1 use it? Each is
/// Σ −log p(middle | prompt) / Σ tokens in nats per token over the gold middles both models can score (teacher forcing,
/// <see cref="ArInfiller.GoldMiddleNll"/>), with 95 % bootstrap intervals over examples; <paramref name="Difference"/> is
/// left-only − both-sided from the same resamples (paired), so an interval above 0 says obs2 helps.
/// </summary>
public sealed record MiddleLikelihood(Metric BothSided, Metric LeftOnly, Metric Difference, int Middles, int Skipped)
{
    public static MiddleLikelihood Of(ArInfiller bothSided, ArInfiller leftOnly, IReadOnlyList<AnlgExample> examples, int seed = 0)
    {
        var both = bothSided.GoldMiddleNll(examples);
        var left = leftOnly.GoldMiddleNll(examples);
        // Per example: Σ NLL and Σ tokens of each model over the middles both scored.
        var sums = both.Zip(left, (b, l) => b.Zip(l).Where(p => p.First.Tokens > 0 && p.Second.Tokens > 0).ToList())
            .Select(pairs => (Both: pairs.Sum(p => p.First.Nll), Left: pairs.Sum(p => p.Second.Nll), Tokens: pairs.Sum(p => p.First.Tokens), Middles: pairs.Count))
            .ToArray();
        double PerToken(int[] rows, Func<(double Both, double Left, int Tokens, int Middles), double> nll) =>
            rows.Sum(i => nll(sums[i])) / Math.Max(1, rows.Sum(i => sums[i].Tokens));
        int scored = sums.Sum(s => s.Middles);
        return new MiddleLikelihood(
            Metric.Bootstrap(sums.Length, rows => PerToken(rows, s => s.Both), seed),
            Metric.Bootstrap(sums.Length, rows => PerToken(rows, s => s.Left), seed),
            Metric.Bootstrap(sums.Length, rows => PerToken(rows, s => s.Left - s.Both), seed),
            scored, examples.Sum(e => e.GoldMiddles.Count) - scored);
    }

    public ResultTable Table(string bothSidedName, string leftOnlyName) =>
        new ResultTable($"Held-out NLL of the gold middles, nats per token ({Middles} middles{(Skipped > 0 ? $"; {Skipped} too long for a prompt skipped" : "")})",
                "model", "NLL ↓", "perplexity")
            .AddRow(bothSidedName, BothSided, Math.Exp(BothSided.Mean))
            .AddRow(leftOnlyName, LeftOnly, Math.Exp(LeftOnly.Mean))
            .AddRow("left-only − both-sided (paired)", Difference, null);
}
