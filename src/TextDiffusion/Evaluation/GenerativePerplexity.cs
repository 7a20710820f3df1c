using TextDiffusion.Discrete;
using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Generative perplexity: how likely a judge language model finds generated text,
/// exp( Σ_samples Σ_ℓ −log p_judge(x^ℓ | x^{&lt;ℓ}) / Σ_samples L ), the mean token NLL exponentiated
/// (as MDLM and EDLM compute it with GPT-2 large). Here the judge is a larger causal transformer
/// trained longer on the same corpus, because GPT-2's weights cannot be downloaded on these machines;
/// its numbers are comparable across our methods, not with the paper's absolute values.
/// </summary>
public static class GenerativePerplexity
{
    /// <summary>The mean token NLL (nats) of samples [N, L] under the judge (BOS-framed, every token scored).</summary>
    public static double MeanNll(TransformerLM judge, Tensor samples, int batchSize = 64)
    {
        var (nats, tokens) = Autoregressive.Nll(judge, samples, batchSize);
        return nats / tokens;
    }

    /// <summary>exp(mean token NLL) of samples [N, L] under the judge.</summary>
    public static double Compute(TransformerLM judge, Tensor samples, int batchSize = 64) => Math.Exp(MeanNll(judge, samples, batchSize));
}
