using Torch;
using Torch.Nn;

namespace TextDiffusion.Quantization;

/// <summary>
/// A linear layer whose weight is quantised on the fly with a straight-through estimator:
/// y = x·q(W)ᵀ + b in the forward pass, while the float weight W keeps training. The bias stays float.
/// The quantiser is fixed for this layer from its weight when it is built (<see cref="Quantizer.For"/>).
/// </summary>
public sealed class QuantizedLinear(Linear inner, Quantizer quantizer) : Linear(inner)
{
    public Quantizer Quantizer { get; } = quantizer.For(inner.Weight);

    public override Tensor Forward(Tensor x) => torch.Scoped(() => F.Linear(x, Quantizer.StraightThrough(Weight), Bias));   // y = x·q(W)ᵀ + b

    /// <summary>The weight as it would be exported: its quantised values (no gradient).</summary>
    public Tensor QuantizedWeight() => torch.NoGrad(() =>
    {
        return Quantizer.Quantize(Weight);
    });
}
