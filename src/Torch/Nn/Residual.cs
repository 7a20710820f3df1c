namespace Torch.Nn;

/// <summary>The residual wrapper shared by transformer layers.</summary>
internal static class Residual
{
    /// <summary>Pre-norm: x + drop(f(LN(x))). Post-norm: LN(x + drop(f(x))).</summary>
    internal static Tensor Apply(Tensor x, LayerNorm norm, Dropout drop, bool normFirst, Func<Tensor, Tensor> sublayer)
    {
        if (normFirst)
        {
            using var n = norm.Forward(x);
            using var s = sublayer(n);
            using var d = drop.Forward(s);
            return x + d;
        }
        using (var s = sublayer(x))
        using (var d = drop.Forward(s))
        using (var sum = x + d)
            return norm.Forward(sum);
    }
}
