using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// Masked (absorbing-state) diffusion as in MDLM (Sahoo et al., 2024) over token ids 0..V−1 with
/// the extra id <see cref="MaskId"/> = V. Each token is independently replaced by MASK with
/// probability 1 − α_t under the log-linear schedule α_t = 1 − (1 − ε)·t (ε = 1e-3 as in MDLM, so
/// α_1 = ε: the all-mask prior is reached up to ε). Times are doubles in [0, 1]; t = 1 is pure noise.
/// The network is <see cref="SubsParameterization"/>: it never predicts MASK and carries unmasked
/// tokens over, so only masked positions contribute to the loss and to sampling.
/// </summary>
public sealed class MaskedDiffusion(int vocabSize, double scheduleEps = 1e-3, double timeEps = 1e-3)
{
    /// <summary>Real tokens V (ids 0..V−1).</summary>
    public int VocabSize => vocabSize;

    /// <summary>The absorbing state's id, V.</summary>
    public long MaskId => vocabSize;

    /// <summary>ε of the schedule α_t = 1 − (1 − ε)·t.</summary>
    public double ScheduleEps => scheduleEps;

    /// <summary>Training draws t ∈ [ε_t, 1] (MDLM's sampling_eps), keeping the weight 1/t finite.</summary>
    public double TimeEps => timeEps;

    // ---- the schedule ---------------------------------------------------------------------------
    /// <summary>α_t = 1 − (1 − ε)·t, the probability that a token is still clean at time t.</summary>
    public double Alpha(double t) => 1 - (1 - scheduleEps) * t;

    /// <summary>−α'_t / (1 − α_t) = 1/t for the log-linear schedule: the NELBO's weight on masked tokens.</summary>
    public double Weight(double t) => (1 - scheduleEps) / (1 - Alpha(t));

    /// <summary>(α_s − α_t) / (1 − α_t), s &lt; t: the chance that a masked token is revealed on the way t → s.</summary>
    public double RevealProbability(double t, double s) => (Alpha(s) - Alpha(t)) / (1 - Alpha(t));

    /// <summary>
    /// Low-discrepancy (antithetic) training times for a batch of n: t_i = ε_t + (1 − ε_t)·((u + i/n) mod 1)
    /// with one u ~ U(0, 1), so the batch covers [ε_t, 1] evenly (MDLM's antithetic sampling).
    /// </summary>
    public double[] SampleTimes(int n, Generator? generator = null)
    {
        using var scope = torch.NewDisposeScope();
        double u = torch.Rand([1], DType.Float64, generator: generator).Item();
        return Enumerable.Range(0, n).Select(i => timeEps + (1 - timeEps) * ((u / n + (double)i / n) % 1.0)).ToArray();
    }

    // ---- the forward process -----------------------------------------------------------------------
    /// <summary>x_t ~ q(x_t | x0) = Π_ℓ Cat(α_t·δ(x0^ℓ) + (1 − α_t)·δ(MASK)): each token masked with prob 1 − α_t (t per row).</summary>
    public Tensor QSample(Tensor x0, double[] t, Generator? generator = null) => torch.Scoped(() =>
    {
        var moveChance = torch.Tensor(t.Select(ti => 1 - Alpha(ti)).ToArray(), [t.Length, 1], x0.Device);   // 1 − α_t per row
        return x0.MaskedFill(torch.Rand(x0.Shape, DType.Float64, x0.Device, generator).Lt(moveChance), MaskId);
    });

    /// <summary>
    /// The continuous-time NELBO per row: (−α'_t / (1 − α_t))·Σ_{ℓ: x_t^ℓ = MASK} −log p_θ(x0^ℓ | x_t),
    /// from SUBS log-probabilities [B, L, V+1]. Returns [B] (sum over positions, in nats).
    /// </summary>
    public Tensor NelboTerms(Tensor logProbs, Tensor x0, Tensor xt, double[] t) => torch.Scoped(() =>
    {
        var maskedLogP = MaskedLogLikelihood(logProbs, x0, xt);
        var weights = torch.Tensor(t.Select(Weight).ToArray(), device: x0.Device).To(maskedLogP.DType); // −α'_t / (1 − α_t)
        return (maskedLogP * weights).Neg();
    });

    /// <summary>Σ_{ℓ: x_t^ℓ = MASK} log p_θ(x0^ℓ | x_t) per row [B], from SUBS log-probabilities [B, L, V+1] (SUBS gives 0 elsewhere anyway).</summary>
    public Tensor MaskedLogLikelihood(Tensor logProbs, Tensor x0, Tensor xt) => torch.Scoped(() =>
    {
        var logP = logProbs.Gather(-1, x0.Unsqueeze(-1)).Squeeze(-1);                                 // log p_θ(x0^ℓ | x_t)
        return torch.Where(xt.Eq(MaskId), logP, torch.ZerosLike(logP)).Sum(1);
    });

    // ---- the reverse process -------------------------------------------------------------------------
    /// <summary>
    /// Which positions q(x_s | x_t, x0) reveals: a masked token independently with probability
    /// (α_s − α_t)/(1 − α_t); unmasked tokens never change (they are already x0). [B, L] bool.
    /// </summary>
    public Tensor RevealMask(Tensor xt, double t, double s, Generator? generator = null) => torch.Scoped(() =>
    {
        var coin = torch.Rand(xt.Shape, DType.Float64, xt.Device, generator).Lt(RevealProbability(t, s));   // u < (α_s − α_t)/(1 − α_t)
        return coin.LogicalAnd(xt.Eq(MaskId));
    });

    /// <summary>
    /// The N → ∞ limit of <see cref="RevealMask"/>: exactly one masked position per row, chosen uniformly among the row's
    /// masked ones (none in a row with none left). [B, L] bool.
    /// </summary>
    public Tensor RevealOne(Tensor xt, Generator? generator = null) => torch.Scoped(() =>
    {
        var masked = xt.Eq(MaskId);
        var pick = torch.Rand(xt.Shape, DType.Float64, xt.Device, generator).MaskedFill(masked.LogicalNot(), -1).ArgMax(1, keepDim: true);  // uniform among masked
        return torch.Arange(xt.Size(1), xt.Device).Unsqueeze(0).Eq(pick).LogicalAnd(masked);
    });

    /// <summary>x_s ~ q(x_s | x_t, x0): revealed positions take x0, the rest keep x_t.</summary>
    public Tensor PosteriorStep(Tensor xt, Tensor x0, double t, double s, Generator? generator = null) =>
        torch.Scoped(() => torch.Where(RevealMask(xt, t, s, generator), x0, xt));

    /// <summary>The sampling grid t_i = 1 − i·(1 − ε)/N, i = 0..N, from 1 down to ε = 1e-5 (MDLM's).</summary>
    public static double[] TimeGrid(int steps, double eps = 1e-5) =>
        Enumerable.Range(0, steps + 1).Select(i => i == steps ? eps : 1 - i * (1 - eps) / steps).ToArray();

    /// <summary>The all-MASK prior x_1, [B, L].</summary>
    public Tensor Prior(long batch, long length, Device? device = null) => torch.Full([batch, length], MaskId, DType.Int64, device);
}
