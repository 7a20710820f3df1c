using TextDiffusion.Reporting;

namespace TextDiffusion.Experiments;

/// <summary>
/// How good a set of generated sentences is: lm-score under the teacher (↓), the share of degenerate
/// samples (↓), distinct-1/2 (↑ diversity), self-BLEU (↓ diversity), mean length in words.
/// </summary>
public sealed record SampleQuality(Metric LmScore, Metric Degenerate, double Distinct1, double Distinct2, Metric SelfBleu, double MeanLength, int Count);
