using Torch;
using Torch.Nn;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Predicts the target length from the encoder: p(N | x) = softmax(W·mean_{i: not pad} h_i), a
/// classification over lengths 0 … <see cref="MaxLength"/> (the NAT length predictor Difformer uses).
/// </summary>
public sealed class LengthPredictor : Module
{
    readonly Linear output;

    public LengthPredictor(long modelDim, int maxLength)
    {
        MaxLength = maxLength;
        output = Register("output", new Linear(modelDim, maxLength + 1));
    }

    public int MaxLength { get; }

    /// <summary>Length logits [B, MaxLength + 1] from encoder states [B, S, D] and their padding [B, S].</summary>
    public Tensor Forward(Tensor states, Tensor padding)
    {
        using var keep = padding.LogicalNot().Unsqueeze(-1).To(states.DType);   // [B, S, 1]
        using var masked = states * keep;
        using var sum = masked.Sum(1);
        using var count = keep.Sum(1).Clamp(min: 1);
        using var pooled = sum / count;                                         // mean over real tokens
        return output.Forward(pooled);
    }

    /// <summary>Cross-entropy of the true lengths [B] (int64, each ≤ MaxLength).</summary>
    public static Tensor Loss(Tensor logits, Tensor lengths) => F.CrossEntropy(logits, lengths);

    /// <summary>The <paramref name="k"/> most probable lengths ≥ 1 per row, best first: [B, k] int64.</summary>
    public static Tensor TopLengths(Tensor logits, int k)
    {
        using var positive = logits.Slice(1, 1);                                // length 0 is never an output
        var (values, indices) = positive.TopK(Math.Min(k, (int)positive.Size(1)), -1);
        values.Dispose();
        using (indices) return indices + 1;
    }
}
