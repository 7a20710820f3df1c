namespace TextDiffusion.Experiments;

/// <summary>
/// One sampler setting measured: generative perplexity under the judge, mean per-sample entropy (bits),
/// wall seconds and denoiser calls per sample, and one decoded example.
/// </summary>
public sealed record GenerationRow(
    string Method,
    int Steps,
    int Candidates,
    double Window,
    double GenerativePerplexity,
    double Entropy,
    double SecondsPerSample,
    double DenoiserCallsPerSample,
    string Example);
