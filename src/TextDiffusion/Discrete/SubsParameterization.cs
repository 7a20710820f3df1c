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
    public static Tensor Apply(Tensor logits, Tensor xt, long maskId) => torch.Scoped(() =>
    {
        long classes = logits.Size(-1);
        var predicted = logits.MaskedFill(torch.Arange(classes, logits.Device).Eq(maskId), double.NegativeInfinity).LogSoftmax(-1); // never predict MASK
        var carried = torch.ZerosLike(predicted).MaskedFill(xt.OneHot(classes).Eq(0), double.NegativeInfinity);                   // log δ(x_t^ℓ)
        return torch.Where(xt.Ne(maskId).Unsqueeze(-1), carried, predicted);
    });
}
