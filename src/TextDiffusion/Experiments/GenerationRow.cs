using TextDiffusion.Reporting;

namespace TextDiffusion.Experiments;

/// <summary>
/// One sampler setting measured: generative perplexity under the judge with a 95% bootstrap interval over
/// samples (exp of the interval of the mean token NLL), mean per-sample entropy (bits), wall seconds and
/// denoiser calls per sample, one decoded example, and the number of samples.
/// </summary>
public sealed record GenerationRow(
    string Method,
    int Steps,
    int Candidates,
    double Window,
    double GenerativePerplexity,
    double GenerativePerplexityLow,
    double GenerativePerplexityHigh,
    double Entropy,
    double SecondsPerSample,
    double DenoiserCallsPerSample,
    string Example,
    int Samples)
{
    /// <summary>The generative perplexity with its 95 % interval, as a <see cref="Metric"/> for comparisons and claims.</summary>
    public Metric Perplexity => new(GenerativePerplexity, GenerativePerplexityLow, GenerativePerplexityHigh, 0.95, Samples);

    /// <summary>The 95 % bootstrap half-width of <see cref="Entropy"/> over samples (0 when not measured).</summary>
    public double EntropyHalfWidth { get; init; }

    /// <summary>Each sample's mean NLL under the judge (nats per token): the gen PPL is exp of their mean.</summary>
    public IReadOnlyList<double> SampleNll { get; init; } = [];

    /// <summary>The interval as text, "[low, high]".</summary>
    public string Interval => $"[{GenerativePerplexityLow:F1}, {GenerativePerplexityHigh:F1}]";
}
