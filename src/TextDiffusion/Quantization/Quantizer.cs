using Torch;

namespace TextDiffusion.Quantization;

/// <summary>
/// A weight quantiser q(w) used with a straight-through estimator (STE): the forward pass sees q(w),
/// the backward pass treats q as the identity inside the clip range [Low, High] and as zero outside,
/// ŵ = clamp(w) + stopgrad(q(w) − clamp(w)). QE-CDLM quantises Diffusion-LM's input, time and output
/// projections this way.
/// </summary>
public abstract record Quantizer
{
    /// <summary>Bits per stored weight (the scale, if any, is stored once per tensor).</summary>
    public abstract int Bits { get; }

    /// <summary>The quantised values q(w) (no gradient).</summary>
    public abstract Tensor Quantize(Tensor w);

    /// <summary>The clip range of the STE for <paramref name="w"/> (infinite when nothing is clipped).</summary>
    public virtual (double Low, double High) ClipRange(Tensor w) => (double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>ŵ = clamp(w) + stopgrad(q(w) − clamp(w)): forward q(w), gradient 1 inside the clip range, 0 outside.</summary>
    public Tensor StraightThrough(Tensor w)
    {
        var (low, high) = ClipRange(w);
        using var clipped = double.IsFinite(low) || double.IsFinite(high)
            ? w.Clamp(double.IsFinite(low) ? low : null, double.IsFinite(high) ? high : null)
            : w.Alias();
        Tensor q;
        using (torch.NoGrad()) q = Quantize(w);
        using (q)
        using (var offset = q - clipped)
        using (var stopped = offset.Detach())
            return clipped + stopped;
    }

    /// <summary>Bytes the weights take once stored as <see cref="Bits"/>-bit codes plus one float32 scale.</summary>
    public long StorageBytes(long count) => (count * Bits + 7) / 8 + 4;

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

/// <summary>Binary: q(w) = α·sign(w), α = mean|w| (the scale that minimises ‖w − α·sign(w)‖²).</summary>
public sealed record BinaryQuantizer : Quantizer
{
    public override int Bits => 1;

    public override Tensor Quantize(Tensor w)
    {
        using var abs = w.Abs();
        using var alpha = abs.Mean();
        using var sign = w.Sign();
        using var nonZero = torch.Where(sign.Eq(0), torch.OnesLike(sign), sign); // sign(0) := +1, two levels only
        return nonZero * alpha;
    }

    public override string ToString() => "binary";
}

/// <summary>Ternary (TWN): Δ = 0.7·mean|w|; q(w) = α·sign(w) where |w| > Δ, else 0; α = mean of |w| over |w| > Δ.</summary>
public sealed record TernaryQuantizer : Quantizer
{
    public override int Bits => 2;

    public override Tensor Quantize(Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        var abs = w.Abs();
        var delta = abs.Mean() * 0.7;
        var kept = abs.Gt(delta).To(w.DType);
        var alpha = (abs * kept).Sum() / kept.Sum().Clamp(1, null);
        return scope.MoveToOuter(w.Sign() * kept * alpha);
    }

    public override string ToString() => "ternary";
}

/// <summary>
/// Signed fixed point with <see cref="IntegerBits"/> integer and <see cref="FractionBits"/> fraction bits
/// (plus a sign bit): q(w) = clip(round(w·2^f)/2^f, −2^i, 2^i − 2^−f).
/// </summary>
public sealed record FixedPointQuantizer(int IntegerBits, int FractionBits) : Quantizer
{
    public override int Bits => 1 + IntegerBits + FractionBits;
    double Step => Math.Pow(2, -FractionBits);
    double Low => -Math.Pow(2, IntegerBits);
    double High => Math.Pow(2, IntegerBits) - Step;

    public override (double Low, double High) ClipRange(Tensor w) => (Low, High);

    public override Tensor Quantize(Tensor w)
    {
        using var scaled = w / Step;
        using var rounded = scaled.Round();
        using var back = rounded * Step;
        return back.Clamp(Low, High);
    }

    public override string ToString() => $"fixed({IntegerBits},{FractionBits})";
}

/// <summary>Symmetric b-bit integer codes with a per-tensor scale s = max|w| / (2^(b−1) − 1): q(w) = s·round(w/s).</summary>
public sealed record IntegerQuantizer(int BitWidth) : Quantizer
{
    public override int Bits => BitWidth;

    public override Tensor Quantize(Tensor w)
    {
        using var scope = torch.NewDisposeScope();
        double levels = Math.Pow(2, BitWidth - 1) - 1;
        var scale = w.Abs().Max().Clamp(1e-12, null) / levels;
        return scope.MoveToOuter((w / scale).Round().Clamp(-levels, levels) * scale);
    }

    public override string ToString() => $"int{BitWidth}";
}
