using TextDiffusion.Diffusion;
using Torch;
using Torch.Optim;

namespace TextDiffusion.Control;

/// <summary>log p(c | x) [B] of a control (or of several, summed) for latents x [B, L, d] at model timesteps [B].</summary>
public delegate Tensor ControlObjective(Tensor x, Tensor modelTime);

/// <summary>
/// Classifier-guided sampling without retraining the diffusion model (Diffusion-LM §5.2): the
/// sampler's guidance hook runs K Adagrad updates on x_{t−1} that descend
/// λ·Σ (x_{t−1} − μ_θ(x_t, t))²/σ_t − log p(c | x_{t−1}), with σ_t the step's standard deviation and log p(c | x) the mean
/// over the scored entries of c (see <see cref="LatentClassifier.MeanLogProb"/>). This is the reference implementation's
/// objective (Diffusion-LM's improved-diffusion/scripts/infill_util.py, langevin_fn3 and siblings:
/// <c>coef * ((mean - input_embs_param) ** 2 / sigma).mean(dim=0).sum()</c> with sigma from ddim_sample, η = 1), not the
/// paper's λ·log N(x; μ, σ²), whose ½/σ² weighs fluency 3–5× more at σ ≈ 0.1–0.15, so the paper's λ values keep their
/// meaning. As there, every update has a fresh Adagrad (a new torch.optim.Adagrad per update), so each moves every
/// coordinate by about lr·sign(gradient).
/// </summary>
public static class PlugAndPlay
{
    /// <summary>
    /// The objective of one classifier with its target [B, …]: log p(c | x) per scored entry, as the reference implementation's
    /// mean cross-entropy (see <see cref="LatentClassifier.MeanLogProb"/>); composition: <see cref="Sum"/>.
    /// </summary>
    public static ControlObjective Objective(LatentClassifier classifier, Tensor target) =>
        (x, modelTime) => classifier.MeanLogProb(x, modelTime, target);

    /// <summary>Composition of controls: log p(c1, c2 | x) = log p(c1 | x) + log p(c2 | x) (conditional independence).</summary>
    public static ControlObjective Sum(params ControlObjective[] objectives) => (x, modelTime) =>
    {
        using var scope = torch.NewDisposeScope();
        var total = objectives[0](x, modelTime);
        foreach (var next in objectives.Skip(1)) total = total + next(x, modelTime);   // log p(c1 | x) + log p(c2 | x) + …
        return scope.MoveToOuter(total);
    };

    /// <summary>
    /// The guidance hook for a sampler over <paramref name="sampled"/> (the respaced process):
    /// at step s ≥ SkipLastSteps, x_{t−1} (which lives at step s − 1) moves K Adagrad steps.
    /// </summary>
    public static GuidanceHook Hook(GaussianDiffusion sampled, ControlObjective logpc, ControlSettings settings) =>
        (prev, mean, logVariance, step) =>
        {
            if (step < Math.Max(1, settings.SkipLastSteps)) return prev;
            using var enable = torch.EnableGrad();
            using var guidanceScope = torch.NewDisposeScope();
            var modelTime = sampled.ModelTime(torch.Full([prev.Size(0)], step - 1, DType.Int64, prev.Device));
            var sigma = (logVariance * 0.5).Exp();                            // σ_t, the step's standard deviation
            var x = prev.Detach().Clone().RequiresGrad_();
            for (int k = 0; k < settings.Iterations; k++)
            {
                using var scope = torch.NewDisposeScope();
                using var optimizer = new Adagrad([x], lr: settings.LearningRate);   // fresh per update, as the reference
                var fluency = ((x - mean).Pow(2) / sigma).Sum([1, 2]);            // Σ (x − μ)²/σ per row
                var loss = fluency * settings.Lambda - logpc(x, modelTime);
                loss.Sum().Backward();
                optimizer.Step();
            }
            return guidanceScope.MoveToOuter(x.Detach());
        };
}

/// <summary>
/// Plug-and-play control knobs (Diffusion-LM §5.2): after each reverse step, <see cref="Iterations"/>
/// Adagrad updates of size <see cref="LearningRate"/> on x_{t−1} minimise
/// λ·Σ (x_{t−1} − μ)²/σ − log p(c | x_{t−1}) (<see cref="PlugAndPlay"/>); none in the last <see cref="SkipLastSteps"/> steps.
/// The paper's λ: semantic content 0.01, POS 1e-4, syntax tree 5e-4, syntax spans 0.1, length 0.01.
/// </summary>
public sealed record ControlSettings(double Lambda, int Iterations = 3, double LearningRate = 0.1, int SkipLastSteps = 10);
