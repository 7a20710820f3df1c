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
    /// <summary>Each sample's mean token NLL (nats) under the judge, for samples [N, L] (BOS-framed, every token scored).</summary>
    public static double[] PerSampleNll(TransformerLM judge, Tensor samples, int batchSize = 64)
    {
        bool wasTraining = judge.Training;
        judge.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            var result = new List<double>();
            for (long start = 0; start < samples.Size(0); start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var chunk = samples.Slice(0, start, Math.Min(start + batchSize, samples.Size(0)));
                result.AddRange(Autoregressive.PositionLogProbs(judge, chunk).To(DType.Float64).Mean(1).Neg().ToArray<double>());
            }
            return result.ToArray();
        }
        finally
        {
            judge.Train(wasTraining);
        }
    }

    /// <summary>exp(mean token NLL) of samples [N, L] of equal length under the judge.</summary>
    public static double Compute(TransformerLM judge, Tensor samples, int batchSize = 64) => Math.Exp(PerSampleNll(judge, samples, batchSize).Average());
}
