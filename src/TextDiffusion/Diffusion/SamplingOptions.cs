using Torch;

namespace TextDiffusion.Diffusion;

/// <summary>
/// The network: returns its prediction (x0 or ε, see <see cref="Parameterization"/>) for x_t at model
/// timesteps t. <paramref name="previousX0"/> is the previous step's x̂0 (null at the first step), for
/// self-conditioned networks; others ignore it.
/// </summary>
public delegate Tensor Denoiser(Tensor xt, Tensor modelTime, Tensor? previousX0);

/// <summary>
/// Modifies x_{t−1} after it is drawn: classifier guidance. It receives the sample, the mean and
/// log-variance of p(x_{t−1} | x_t) (for the fluency term λ·log p(x_{t−1} | x_t)) and the step index.
/// </summary>
public delegate Tensor GuidanceHook(Tensor xPrev, Tensor mean, Tensor logVariance, int step);

/// <summary>Knobs of the reverse process.</summary>
public sealed record SamplingOptions
{
    /// <summary>Maps a predicted x̂0 before it is used, e.g. the clamping trick (snap to the nearest word embedding).</summary>
    public Func<Tensor, int, Tensor>? DenoisedFn { get; init; }

    /// <summary>Classifier guidance on x_{t−1}; null for unconditional sampling.</summary>
    public GuidanceHook? Guidance { get; init; }

    /// <summary>
    /// Infilling: positions where <see cref="FixedMask"/> [B, L] is true are reset to the known clean values
    /// <see cref="FixedX0"/> [B, L, d] after every step, so the denoiser always sees the clean context (Diffusion-LM's
    /// p_sample_loop_progressive_infill: <c>img[~partial_mask] = partial_enc[~partial_mask]</c>; the noised variant is
    /// commented out there).
    /// </summary>
    public Tensor? FixedMask { get; init; }
    public Tensor? FixedX0 { get; init; }

    /// <summary>Deterministic DDIM update (η = 0) instead of ancestral DDPM sampling.</summary>
    public bool Ddim { get; init; }

    /// <summary>F: x_K ~ N(0, F²I) and x_{t−1} = μ + F·σ·ε (Difformer's decoding rescaling factor; 1 is DDPM).</summary>
    public double NoiseFactor { get; init; } = 1.0;
}
