using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// EDLM's energy from a pretrained autoregressive model: E(x0, x_t) = −log p_AR(x0) + log p_θ(x0 | x_t),
/// so that p_θ(x0 | x_t)·exp(−E) ∝ p_AR(x0) on the sequences consistent with x_t; importance weights
/// are w ∝ p_AR(x0) / p_θ(x0 | x_t). log p_θ(x0 | x_t) is the proposal's log-probability over the
/// positions it sampled (the masked ones; SUBS gives the carried-over positions log-probability 0).
/// <para>
/// Carry-over (the public code's default, <c>ar_carry_over</c>): the AR model's log-probabilities at
/// positions already unmasked in x_t are replaced by 0, as SUBS does for the denoiser, so that
/// log p_AR(x0) becomes Σ_{ℓ: x_t^ℓ = MASK} log p_AR(x0^ℓ | x0^{&lt;ℓ}): only the tokens being proposed are
/// scored, each conditioned on the whole prefix (revealed and proposed tokens alike). Without it the AR
/// term also scores the revealed tokens given the proposed ones, which makes p·exp(−E) exactly the
/// AR model's conditional p_AR(x0 | x0 agrees with x_t); carry-over drops those factors.
/// </para>
/// </summary>
public sealed class ArEnergy(TransformerLM lm, long maskId, bool carryOver = true)
{
    public bool CarryOver => carryOver;

    /// <summary>E [N] for candidates x0 [N, L] given x_t [N, L] and log p_θ(x0 | x_t) [N].</summary>
    public Tensor Energy(Tensor x0, Tensor xt, Tensor logProposal, double t)
    {
        bool wasTraining = lm.Training;
        lm.Eval();
        try
        {
            return torch.NoGradScoped(() =>
            {
                var logAr = Autoregressive.PositionLogProbs(lm, x0);                     // log p_AR(x0^ℓ | x0^{<ℓ})
                if (carryOver) logAr = torch.Where(xt.Eq(maskId), logAr, torch.ZerosLike(logAr));
                return logProposal.To(logAr.DType) - logAr.Sum(1);                      // E = −log p_AR + log p_θ
            });
        }
        finally
        {
            lm.Train(wasTraining);
        }
    }
}
