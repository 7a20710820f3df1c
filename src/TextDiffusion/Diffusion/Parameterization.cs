namespace TextDiffusion.Diffusion;

/// <summary>What the denoising network predicts from x_t.</summary>
public enum Parameterization
{
    /// <summary>f_θ(x_t, t) ≈ x0 (Diffusion-LM's choice).</summary>
    X0,
    /// <summary>f_θ(x_t, t) ≈ ε, the noise that made x_t (DDPM's choice; Diffusion-LM's ablation).</summary>
    Epsilon,
}
