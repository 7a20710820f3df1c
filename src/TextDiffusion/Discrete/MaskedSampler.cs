using Torch;

namespace TextDiffusion.Discrete;

/// <summary>The network: SUBS log-probabilities log p_θ(x0 | x_t) [B, L, V+1] for x_t [B, L]. No time input.</summary>
public delegate Tensor MaskedDenoiser(Tensor xt);

/// <summary>
/// An alternative draw of the whole x0 [B, L] at a step (EDLM's importance sampler), or null to take
/// the plain MDLM step. Receives x_t, the denoiser's log-probabilities and the step's t.
/// </summary>
public delegate Tensor? X0Proposal(Tensor xt, Tensor logProbs, double t, Generator generator);

/// <summary>
/// MDLM's ancestral sampler. From x_1 = all MASK, for t_i = 1 → ε on N steps:
/// x_s ~ q(x_s | x_t, x0) with x0 ~ p_θ(· | x_t), i.e. each masked token is revealed with probability
/// (α_s − α_t)/(1 − α_t) to a token drawn from p_θ(x0^ℓ | x_t); then tokens still masked at t = ε
/// take argmax p_θ (MDLM's noise removal).
/// Caching (MDLM's ddpm_cache): when a step changes no token, x_s = x_t and the denoiser, which has
/// no time input, would return the same p_θ(· | x_t); so it is reused instead of recomputed. The
/// random draws are the same with and without the cache, so the samples are identical.
/// </summary>
public sealed class MaskedSampler(MaskedDiffusion process, MaskedDenoiser denoiser)
{
    public MaskedDiffusion Process => process;

    /// <summary>Draws <paramref name="batch"/> sequences of <paramref name="length"/> tokens with <paramref name="steps"/> steps.</summary>
    /// <param name="proposal">
    /// Replaces the x0 draw at the steps where it returns non-null (EDLM). With caching, an unchanged
    /// step keeps the proposed x0 for the next step: the reveal coins are independent of x0, so x0
    /// given (x_t, nothing revealed) has the law it had given x_t.
    /// </param>
    /// <param name="observe">Sees x at t = 1 (all MASK), after each step (at its s) and after the noise removal (at 0).</param>
    public MaskedSample Sample(long batch, long length, int steps, Generator generator, bool cache = true,
        X0Proposal? proposal = null, Device? device = null, Action<double, Tensor>? observe = null)
    {
        using var noGrad = torch.NoGrad();
        var grid = MaskedDiffusion.TimeGrid(steps);
        var x = process.Prior(batch, length, device);
        observe?.Invoke(1.0, x);
        Tensor? logProbs = null, keptX0 = null;
        int denoiserCalls = 0, energyCalls = 0;
        try
        {
            for (int i = 0; i < steps; i++)
            {
                using var scope = torch.NewDisposeScope();
                double t = grid[i], s = grid[i + 1];
                if (logProbs is null)
                {
                    logProbs = scope.MoveToOuter(denoiser(x));
                    denoiserCalls++;
                }
                Tensor? x0 = keptX0;
                if (x0 is null && proposal?.Invoke(x, logProbs, t, generator) is { } proposed)
                {
                    x0 = proposed;
                    energyCalls++;
                }
                var next = x0 is null ? PlainStep(x, logProbs, t, s, generator) : process.PosteriorStep(x, x0, t, s, generator);
                bool changed = next.Ne(x).Any().Item() != 0;
                if (!cache || changed)
                {
                    logProbs.Dispose();
                    logProbs = null;
                    keptX0?.Dispose();
                    keptX0 = null;
                }
                else if (x0 is not null && keptX0 is null)
                {
                    keptX0 = scope.MoveToOuter(x0);
                }
                x.Dispose();
                x = scope.MoveToOuter(next);
                observe?.Invoke(s, x);
            }
            using (var finalScope = torch.NewDisposeScope())
            {
                var stillMasked = x.Eq(process.MaskId);
                if (stillMasked.Any().Item() != 0)
                {
                    if (logProbs is null)
                    {
                        logProbs = finalScope.MoveToOuter(denoiser(x));
                        denoiserCalls++;
                    }
                    var best = logProbs.ArgMax(-1);                                   // noise removal: argmax p_θ(x0 | x_ε)
                    var done = torch.Where(stillMasked, best, x);
                    x.Dispose();
                    x = finalScope.MoveToOuter(done);
                }
            }
            observe?.Invoke(0.0, x);
            return new MaskedSample(x, denoiserCalls, energyCalls);
        }
        catch
        {
            x.Dispose();
            throw;
        }
        finally
        {
            logProbs?.Dispose();
            keptX0?.Dispose();
        }
    }

    /// <summary>
    /// One MDLM step x_t → x_s: reveal each masked token with probability (α_s − α_t)/(1 − α_t) and draw it
    /// from p_θ(x0^ℓ | x_t). Tokens are drawn only where revealed, which has the same law as drawing x0 whole.
    /// </summary>
    public Tensor PlainStep(Tensor xt, Tensor logProbs, double t, double s, Generator generator)
    {
        using var reveal = process.RevealMask(xt, t, s, generator);
        var next = xt.Clone();
        if (reveal.Any().Item() == 0) return next;
        using var rows = logProbs.Index(reveal);                                    // [n, V+1] at revealed positions
        using var probs = rows.Exp();
        using var drawn = probs.Multinomial(1, replacement: true, generator: generator);
        using var tokens = drawn.Squeeze(1);
        return next.IndexPut_(reveal, tokens);
    }
}
