namespace TextDiffusion.Evaluation;

/// <summary>
/// Perplexity and bits per token from a total negative log-likelihood (or its upper bound, the NELBO of
/// a diffusion model, which then gives "PPL ≤" and "BPC ≤") in nats over a token count.
/// </summary>
public static class LikelihoodBound
{
    /// <summary>PPL = exp(nats / tokens).</summary>
    public static double Perplexity(double nats, long tokens) => Math.Exp(nats / tokens);

    /// <summary>Bits per token = nats / (tokens·ln 2); bits per character (BPC) on a character corpus.</summary>
    public static double BitsPerToken(double nats, long tokens) => nats / (tokens * Math.Log(2));
}
