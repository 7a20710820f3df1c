namespace TextDiffusion.Experiments;

/// <summary>
/// One sampler setting measured: generative perplexity under the judge with a 95% bootstrap interval over
/// samples (exp of the interval of the mean token NLL), mean per-sample entropy (bits), wall seconds and
/// denoiser calls per sample, and one decoded example.
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
    string Example)
{
    /// <summary>The interval as text, "[low, high]".</summary>
    public string Interval => $"[{GenerativePerplexityLow:F1}, {GenerativePerplexityHigh:F1}]";
}
