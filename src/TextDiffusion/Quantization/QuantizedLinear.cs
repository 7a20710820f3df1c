using Torch;
using Torch.Nn;

namespace TextDiffusion.Quantization;

/// <summary>
/// A linear layer whose weight is quantised on the fly with a straight-through estimator:
/// y = x·q(W)ᵀ + b in the forward pass, while the float weight W keeps training. The bias stays float.
/// </summary>
public sealed class QuantizedLinear(Linear inner, Quantizer quantizer) : Linear(inner)
{
    public Quantizer Quantizer { get; } = quantizer;

    public override Tensor Forward(Tensor x)
    {
        using var w = Quantizer.StraightThrough(Weight);
        return F.Linear(x, w, Bias);
    }

    /// <summary>The weight as it would be exported: its quantised values (no gradient).</summary>
    public Tensor QuantizedWeight()
    {
        using var noGrad = torch.NoGrad();
        return Quantizer.Quantize(Weight);
    }

    /// <summary>Bytes of the exported weight: <see cref="Quantizer.Bits"/>-bit codes plus one float32 scale (float32 weights take 4 bytes each).</summary>
    public long StorageBytes => Quantizer.StorageBytes(Weight.NumEl);
}
