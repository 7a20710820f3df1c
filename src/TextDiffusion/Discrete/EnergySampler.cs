using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// A residual energy E(x0, x_t, t) of candidates x0 [N, L] given x_t [N, L], with the proposal's
/// log-probability log p_θ(x0 | x_t) [N] (summed over the positions it sampled). Returns E [N].
/// </summary>
public delegate Tensor EnergyFunction(Tensor x0, Tensor xt, Tensor logProposal, double t);

/// <summary>
/// EDLM's parallel importance sampler for p(x0 | x_t) ∝ p_θ(x0 | x_t)·exp(−E(x0, x_t, t)/τ).
/// At a step: k candidates x0⁽ⁱ⁾ ~ p_θ(· | x_t) (one denoiser pass, k draws), all energies in one
/// batched call on the k·B candidates, self-normalised weights w_i = exp(−E_i/τ − logsumexp_j(−E_j/τ)),
/// one index resampled per sequence, then x_s ~ q(x_s | x_t, x0⁽ⁱ⁾). Used only in the window of the
/// earliest steps t ∈ [1 − w, 1]; plain MDLM steps elsewhere. (The public code weights by
/// softmax(+E); this follows the paper: weights ∝ exp(−E).)
/// </summary>
public sealed class EnergySampler(MaskedDiffusion process, MaskedDenoiser denoiser, EnergyFunction energy,
    int candidates = 2, double window = 0.2, double temperature = 1.0)
{
    readonly MaskedSampler inner = new(process, denoiser);

    public int Candidates => candidates;
    public double Window => window;
    public double Temperature => temperature;

    /// <summary>Whether the step at time t is in the importance-sampling window t ∈ [1 − w, 1].</summary>
    public bool InWindow(double t) => window > 0 && t >= 1 - window - 1e-9;

    /// <summary>k candidates x0⁽ⁱ⁾ ~ p_θ(· | x_t) for SUBS log-probabilities [B, L, V+1]: ids [k·B, L], candidate-major.</summary>
    public static Tensor DrawCandidates(Tensor logProbs, int k, Generator? generator = null) => torch.Scoped(() =>
    {
        long b = logProbs.Size(0), l = logProbs.Size(1), classes = logProbs.Size(2);
        var drawn = logProbs.Exp().Reshape(b * l, classes).Multinomial(k, replacement: true, generator: generator);   // [B·L, k]
        return drawn.Transpose(0, 1).Reshape(k * b, l); // [k, B·L] → [k·B, L]
    });

    /// <summary>log p_θ(x0 | x_t) = Σ_ℓ log p_θ(x0^ℓ | x_t) for candidates [k·B, L]; carried-over positions add 0. → [k·B].</summary>
    public static Tensor LogProposal(Tensor logProbs, Tensor x0, int k) => torch.Scoped(() =>
    {
        long b = logProbs.Size(0), l = logProbs.Size(1), classes = logProbs.Size(2);
        var expanded = logProbs.Unsqueeze(0).Expand(k, b, l, classes);                   // a view: no k-fold copy
        return expanded.Gather(-1, x0.Reshape(k, b, l, 1)).Sum([2, 3]).Reshape(k * b); // Σ_ℓ log p_θ(x0^ℓ | x_t)
    });

    /// <summary>
    /// One importance-sampling draw given x_t [B, L]: k candidates x0⁽ⁱ⁾ ~ p_θ(· | x_t) [k·B, L] (candidate-major),
    /// their self-normalised weights w_i ∝ exp(−E_i/τ) [B, k], and the index i ~ Cat(w) picked per sequence [B].
    /// </summary>
    public (Tensor Candidates, Tensor Weights, Tensor Pick) Weigh(Tensor xt, Tensor logProbs, double t, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        long b = xt.Size(0);
        var x0 = DrawCandidates(logProbs, candidates, generator);                       // [k·B, L]
        var logQ = LogProposal(logProbs, x0, candidates);                               // log p_θ(x0⁽ⁱ⁾ | x_t)
        var e = energy(x0, xt.Repeat(candidates, 1), logQ, t);                           // E(x0⁽ⁱ⁾, x_t, t), one batched call
        var logW = e.To(DType.Float64).Neg().Div(temperature).Reshape(candidates, b).Transpose(0, 1);   // log w_i = −E_i/τ, [B, k]
        var normalised = (logW - logW.LogSumExp(1, keepDim: true)).Exp();               // w_i / Σ_j w_j
        var pick = normalised.Multinomial(1, generator: generator).Squeeze(1);          // i ~ Cat(w)
        return (scope.MoveToOuter(x0), scope.MoveToOuter(normalised), scope.MoveToOuter(pick));
    }

    /// <summary>
    /// Sampling-importance-resampling of x0 given x_t [B, L]: draw k candidates, weigh by
    /// w_i ∝ exp(−E_i/τ), pick one per sequence (<see cref="Weigh"/>). Returns the chosen x0 [B, L].
    /// </summary>
    public Tensor Resample(Tensor xt, Tensor logProbs, double t, Generator generator) => torch.Scoped(() =>
    {
        var (x0, _, pick) = Weigh(xt, logProbs, t, generator);
        var flatIndex = pick * xt.Size(0) + torch.Arange(xt.Size(0), xt.Device);        // candidate-major row of each pick
        return x0.IndexSelect(0, flatIndex);
    });

    /// <summary>Draws sequences with importance sampling in the window and MDLM steps elsewhere (caching as in <see cref="MaskedSampler"/>).</summary>
    public MaskedSample Sample(long batch, long length, int steps, Generator generator, bool cache = true, Device? device = null) =>
        inner.Sample(batch, length, steps, generator, cache,
            (xt, logProbs, t, g) => InWindow(t) ? Resample(xt, logProbs, t, g) : null, device);
}
