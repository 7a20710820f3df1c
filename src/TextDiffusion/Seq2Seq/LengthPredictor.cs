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
    public Tensor Forward(Tensor states, Tensor padding) => torch.Scoped(() =>
    {
        var keep = padding.LogicalNot().Unsqueeze(-1).To(states.DType);         // [B, S, 1]
        var pooled = (states * keep).Sum(1) / keep.Sum(1).Clamp(min: 1);        // mean over real tokens
        return output.Forward(pooled); // W·mean_{i: not pad} h_i
    });

    /// <summary>Cross-entropy of the true lengths [B] (int64, each ≤ MaxLength).</summary>
    public static Tensor Loss(Tensor logits, Tensor lengths) => F.CrossEntropy(logits, lengths);

    /// <summary>
    /// A length beam as the public code's <c>regenerate_beam</c>: the most probable length L̂ ≥ 1 and the window
    /// L̂ + j − ⌊k/2⌋, j = 0 … k−1, clamped to [1, MaxLength] (the reference clamps at 2, its lengths counting BOS and EOS): [B, k] int64.
    /// </summary>
    public static Tensor LengthWindow(Tensor logits, int k) => torch.Scoped(() =>
        WindowAround(logits.Slice(1, 1).ArgMax(-1) + 1, k, logits.Size(1) - 1)); // L̂: length 0 is never an output

    /// <summary>The window L + j − ⌊k/2⌋, j = 0 … k−1, around each length L of <paramref name="centre"/> [B], clamped to [1, <paramref name="maxLength"/>]: [B, k] int64.</summary>
    public static Tensor WindowAround(Tensor centre, int k, long maxLength) => torch.Scoped(() =>
    {
        var offsets = torch.Arange(k, centre.Device) - k / 2;                  // j − ⌊k/2⌋
        var window = centre.Unsqueeze(1) + offsets.Unsqueeze(0);
        return window.Clamp(1, maxLength).To(DType.Int64);
    });
}
