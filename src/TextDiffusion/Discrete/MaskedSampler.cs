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
        X0Proposal? proposal = null, Device? device = null, Action<double, Tensor>? observe = null) => torch.NoGrad(() =>
    {
        var grid = MaskedDiffusion.TimeGrid(steps);
        using var chain = new Chain(process.Prior(batch, length, device), denoiser);
        observe?.Invoke(1.0, chain.X);
        for (int i = 0; i < steps; i++)
        {
            using var scope = torch.NewDisposeScope();
            double t = grid[i], s = grid[i + 1];
            var logProbs = chain.Denoised(scope);                                               // p_θ(x0 | x_t), cached
            var x0 = chain.KeptX0 ?? chain.Propose(proposal, logProbs, t, generator);           // EDLM's x0, or null: the MDLM step
            var next = x0 is null ? PlainStep(chain.X, logProbs, t, s, generator) : process.PosteriorStep(chain.X, x0, t, s, generator);
            chain.Advance(scope, next, x0, cache);
            observe?.Invoke(s, chain.X);
        }
        chain.RemoveNoise(process.MaskId);
        observe?.Invoke(0.0, chain.X);
        return chain.Result();
    });

    /// <summary>
    /// The N → ∞ limit of <see cref="Sample"/>: under α_t = 1 − t every token's reveal time is uniform and independent of the
    /// others', so as the steps shrink the tokens are revealed one at a time in a uniformly random order, each drawn from
    /// p_θ(x0^ℓ | x_t) given all revealed before it. <paramref name="length"/> steps of one token each: the law of the model's
    /// any-order factorisation, which the NELBO bounds, with no two tokens ever drawn independently in one step.
    /// </summary>
    public MaskedSample SampleOneByOne(long batch, long length, Generator generator, Device? device = null) => torch.NoGrad(() =>
    {
        var x = process.Prior(batch, length, device);
        for (long i = 0; i < length; i++)
        {
            var next = torch.Scoped(() => Reveal(x, denoiser(x), process.RevealOne(x, generator), generator));   // one position, x0^ℓ ~ p_θ(· | x_t)
            x.Dispose();
            x = next;
        }
        return new MaskedSample(x, (int)length, 0);
    });

    /// <summary>
    /// The state of one sampling run: x, the cached denoiser output p_θ(· | x) (valid while x is unchanged: the denoiser
    /// has no time input), an EDLM proposal kept across unchanged steps, and the call counts.
    /// </summary>
    sealed class Chain(Tensor x, MaskedDenoiser denoiser) : IDisposable
    {
        Tensor? logProbs;
        int denoiserCalls, energyCalls;
        bool released;

        public Tensor X { get; private set; } = x;
        public Tensor? KeptX0 { get; private set; }

        /// <summary>log p_θ(x0 | x): the cached output, or a new denoiser call (kept beyond the step's <paramref name="scope"/>).</summary>
        public Tensor Denoised(DisposeScope scope)
        {
            if (logProbs is null)
            {
                logProbs = scope.MoveToOuter(denoiser(X));
                denoiserCalls++;
            }
            return logProbs;
        }

        /// <summary>The proposal's x0 at this step (EDLM's importance sampling), or null where it declines.</summary>
        public Tensor? Propose(X0Proposal? proposal, Tensor logProbs, double t, Generator generator)
        {
            var proposed = proposal?.Invoke(X, logProbs, t, generator);
            if (proposed is not null) energyCalls++;
            return proposed;
        }

        /// <summary>x ← next. A step that changed a token invalidates the cache and any kept x0; an unchanged one keeps x0 for the next step.</summary>
        public void Advance(DisposeScope scope, Tensor next, Tensor? x0, bool cache)
        {
            bool changed = next.Ne(X).Any().Item() != 0;
            if (!cache || changed) Invalidate();
            else if (x0 is not null && KeptX0 is null) KeptX0 = scope.MoveToOuter(x0);
            X.Dispose();
            X = scope.MoveToOuter(next);
        }

        /// <summary>MDLM's noise removal: tokens still masked at t = ε take argmax p_θ(x0 | x_ε).</summary>
        public void RemoveNoise(long maskId)
        {
            using var scope = torch.NewDisposeScope();
            var stillMasked = X.Eq(maskId);
            if (stillMasked.Any().Item() == 0) return;
            var done = torch.Where(stillMasked, Denoised(scope).ArgMax(-1), X);
            X.Dispose();
            X = scope.MoveToOuter(done);
        }

        /// <summary>The sample; x now belongs to it.</summary>
        public MaskedSample Result()
        {
            released = true;
            return new MaskedSample(X, denoiserCalls, energyCalls);
        }

        void Invalidate()
        {
            logProbs?.Dispose();
            logProbs = null;
            KeptX0?.Dispose();
            KeptX0 = null;
        }

        public void Dispose()
        {
            Invalidate();
            if (!released) X.Dispose();
        }
    }

    /// <summary>
    /// One MDLM step x_t → x_s: reveal each masked token with probability (α_s − α_t)/(1 − α_t) and draw it
    /// from p_θ(x0^ℓ | x_t). Tokens are drawn only where revealed, which has the same law as drawing x0 whole.
    /// </summary>
    public Tensor PlainStep(Tensor xt, Tensor logProbs, double t, double s, Generator generator) =>
        torch.Scoped(() => Reveal(xt, logProbs, process.RevealMask(xt, t, s, generator), generator));

    /// <summary>x_t with each position of <paramref name="reveal"/> set to a token drawn from p_θ(x0^ℓ | x_t).</summary>
    static Tensor Reveal(Tensor xt, Tensor logProbs, Tensor reveal, Generator generator)
    {
        using var scope = torch.NewDisposeScope();
        var next = xt.Clone();
        if (reveal.Any().Item() == 0) return scope.MoveToOuter(next);
        var rows = logProbs.Index(reveal);                                          // [n, V+1] at revealed positions
        var tokens = rows.Exp().Multinomial(1, replacement: true, generator: generator).Squeeze(1);   // x0^ℓ ~ p_θ(· | x_t)
        return scope.MoveToOuter(next.IndexPut_(reveal, tokens));
    }
}
