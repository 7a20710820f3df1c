using Torch;

namespace TextDiffusion.Discrete;

/// <summary>
/// Sequences drawn by a masked-diffusion sampler ([B, L] ids, caller disposes) and what they cost:
/// denoiser forward passes (fewer than the step count when caching skips unchanged steps) and
/// batched energy evaluations (each over k·B candidates).
/// </summary>
public sealed record MaskedSample(Tensor Ids, int DenoiserCalls, int EnergyCalls) : IDisposable
{
    public void Dispose() => Ids.Dispose();
}
