using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// MDLM's SUBS parameterisation of the denoiser p_θ(x0 | x_t) from raw logits [B, L, V+1]:
/// zero masking probabilities (the MASK logit is −∞, so x0 is never predicted to be MASK) and
/// carry-over unmasking (an unmasked x_t^ℓ is copied: log p_θ(x0^ℓ = x_t^ℓ | x_t) = 0, −∞ elsewhere).
/// </summary>
public static class SubsParameterization
{
    /// <summary>log p_θ(x0^ℓ | x_t) [B, L, V+1] = log softmax(logits with MASK → −∞) at masked ℓ, log δ(x_t^ℓ) at unmasked ℓ.</summary>
    public static Tensor Apply(Tensor logits, Tensor xt, long maskId)
    {
        long classes = logits.Size(-1);
        using var columns = torch.Arange(classes, logits.Device);
        using var isMaskColumn = columns.Eq(maskId);
        using var noMask = logits.MaskedFill(isMaskColumn, double.NegativeInfinity);      // never predict MASK
        using var predicted = noMask.LogSoftmax(-1);
        using var oneHot = xt.OneHot(classes);
        using var other = oneHot.Eq(0);
        using var zeros = torch.ZerosLike(predicted);
        using var carried = zeros.MaskedFill(other, double.NegativeInfinity);               // log δ(x_t^ℓ)
        using var unmasked = xt.Ne(maskId);
        using var unmaskedRow = unmasked.Unsqueeze(-1);
        return torch.Where(unmaskedRow, carried, predicted);
    }
}
