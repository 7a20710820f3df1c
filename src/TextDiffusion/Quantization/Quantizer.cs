using Torch;

namespace TextDiffusion.Quantization;

/// <summary>
/// A weight quantiser q(w) used with a straight-through estimator (STE): the forward pass sees q(w),
/// the backward pass treats q as the identity inside the clip range [Low, High] and as zero outside,
/// ŵ = clamp(w) + stopgrad(q(w) − clamp(w)). QE-CDLM quantises Diffusion-LM's input, time and output
/// projections this way. Each scheme follows ChengKang520/Q-Controllable-DLM
/// <c>improved-diffusion/improved_diffusion/quantize.py</c> and <c>quantize_layers.py</c> (<c>LinearQuant.forward</c>).
/// </summary>
public abstract record Quantizer
{
    /// <summary>Bits per weight that the scheme's name promises (binary 1, ternary 2, fixed (i,f) 1 + i + f, int-b b).
    /// What an exported weight really takes is counted by <see cref="QuantizedExport"/>.</summary>
    public abstract int Bits { get; }

    /// <summary>The quantised values q(w) (no gradient).</summary>
    public abstract Tensor Quantize(Tensor w);

    /// <summary>The clip range of the STE (infinite when nothing is clipped).</summary>
    public virtual (double Low, double High) ClipRange => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The quantiser for one layer, with any constant the scheme fixes when the layer is quantised (binary's H).</summary>
    public virtual Quantizer For(Tensor w) => this;

    /// <summary>ŵ = clamp(w) + stopgrad(q(w) − clamp(w)): forward q(w), gradient 1 inside the clip range, 0 outside.</summary>
    public Tensor StraightThrough(Tensor w) => torch.Scoped(() =>
    {
        var (low, high) = ClipRange;
        var clipped = double.IsFinite(low) || double.IsFinite(high) ? w.Clamp(low, high) : w.Alias();
        Tensor q;
        using (torch.NoGrad()) q = Quantize(w);
        return clipped + (q - clipped).Detach();
    });

    /// <summary>The schemes of the paper by name: binary, ternary, fixed-point (i,f), integer-b.</summary>
    public static Quantizer Parse(string name) => name.ToLowerInvariant() switch
    {
        "binary" => new BinaryQuantizer(),
        "ternary" => new TernaryQuantizer(),
        var s when s.StartsWith("fixed(", StringComparison.Ordinal) && s.EndsWith(')') &&
                   s[6..^1].Split(',') is [var i, var f] => new FixedPointQuantizer(int.Parse(i.Trim(), System.Globalization.CultureInfo.InvariantCulture), int.Parse(f.Trim(), System.Globalization.CultureInfo.InvariantCulture)),
        var s when s.StartsWith("int", StringComparison.Ordinal) && int.TryParse(s[3..], out int b) => new IntegerQuantizer(b),
        _ => throw new ArgumentException($"unknown quantiser '{name}': expected binary, ternary, fixed(i,f) or intB"),
    };
}

/// <summary>
/// Binary (BinaryNet), as the reference's <c>bnn_sign(w / H) · H</c>: q(w) = H·sign(w), and the STE passes the
/// gradient only where |w| ≤ H (<c>BNNSign.backward</c>). The reference trains from scratch with H = 1 and weights
/// drawn from U(−H, H); a pretrained layer's weights are ~20× smaller, so here H is fixed when the layer is
/// quantised, at mean|w| of its pretrained weight (the scale that minimises ‖w − H·sign(w)‖²). Unset, H is the
/// mean|w| of the tensor being quantised.
/// </summary>
public sealed record BinaryQuantizer(double? H = null) : Quantizer
{
    public override int Bits => 1;

    public override (double Low, double High) ClipRange => H is { } h ? (-h, h) : base.ClipRange;

    public override Quantizer For(Tensor w) => torch.NoGrad(() =>
    {
        using var meanAbs = w.Abs().Mean();
        return this with { H = H ?? meanAbs.Item() };
    });

    public override Tensor Quantize(Tensor w) => torch.Scoped(() =>
    {
        var sign = torch.Where(w.Lt(0), -torch.OnesLike(w), torch.OnesLike(w)); // sign(0) := +1: two levels only
        return H is { } h ? sign * h : sign * w.Abs().Mean(); // q(w) = H·sign(w)
    });

    public override string ToString() => "binary";
}

/// <summary>
/// Ternary (TWN, the reference's <c>Ternary.forward</c>), per output row r: Δ_r = 0.7·mean_j |w_rj|;
/// q(w_rj) = α_r·sign(w_rj) where |w_rj| > Δ_r, else 0; α_r = mean of |w_rj| over |w_rj| > Δ_r. The STE is the identity.
/// </summary>
public sealed record TernaryQuantizer : Quantizer
{
    public override int Bits => 2;

    public override Tensor Quantize(Tensor w) => torch.Scoped(() =>
    {
        var abs = w.Abs();
        var delta = abs.Mean(-1, keepDim: true) * 0.7;                                 // Δ_r
        var kept = abs.Gt(delta).To(w.DType);
        var alpha = (abs * kept).Sum(-1, keepDim: true) / kept.Sum(-1, keepDim: true).Clamp(1, null); // α_r
        return w.Sign() * kept * alpha;
    });

    public override string ToString() => "ternary";
}

/// <summary>
/// Fixed point (i,f) as the reference's <c>to_fixed_point(to_nearest_power_of_two(w), i, f)</c>: each weight is rounded
/// to the nearest power of two, sign(w)·2^round(log₂|w|), then clamped to ±M with M = 2^(i−1) (0 when i = 0) plus
/// Σ_{k=1..f} 2^−k = 1 − 2^−f (0 when f = 0). Nothing is rounded to a 2^−f grid, so the fraction bits only set the
/// clamp. The STE is the identity (<c>FixedNN.backward</c>).
/// </summary>
public sealed record FixedPointQuantizer(int IntegerBits, int FractionBits) : Quantizer
{
    public override int Bits => 1 + IntegerBits + FractionBits;

    /// <summary>M, the largest magnitude: 2^(i−1)·[i ≠ 0] + (1 − 2^−f)·[f ≠ 0].</summary>
    public double Max => (IntegerBits == 0 ? 0 : Math.Pow(2, IntegerBits - 1)) + (FractionBits == 0 ? 0 : 1 - Math.Pow(2, -FractionBits));

    public override Tensor Quantize(Tensor w) => torch.Scoped(() =>
    {
        var exponent = (w.Abs().Log() / Math.Log(2)).Round();                  // round(log₂|w|); −∞ at w = 0
        var powerOfTwo = w.Sign() * torch.FullLike(w, 2).Pow(exponent);        // sign(w)·2^round(log₂|w|)
        return powerOfTwo.Clamp(-Max, Max);
    });

    public override string ToString() => $"fixed({IntegerBits},{FractionBits})";
}

/// <summary>Symmetric b-bit integer codes with a per-tensor scale s = max|w| / (2^(b−1) − 1): q(w) = s·round(w/s).
/// papers.md lists an integer scheme, but the reference's <c>to_integer</c> returns unscaled codes (min-max normalised, floored,
/// shifted) and none of its batch files runs it; this scaled variant is ours, and notebook 05 lists the integer claims as not tested.</summary>
public sealed record IntegerQuantizer(int BitWidth) : Quantizer
{
    public override int Bits => BitWidth;

    public override Tensor Quantize(Tensor w) => torch.Scoped(() =>
    {
        double levels = Math.Pow(2, BitWidth - 1) - 1;
        var scale = w.Abs().Max().Clamp(1e-12, null) / levels;
        return (w / scale).Round().Clamp(-levels, levels) * scale;
    });

    public override string ToString() => $"int{BitWidth}";
}
