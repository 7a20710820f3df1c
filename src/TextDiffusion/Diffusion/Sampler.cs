using Torch;

namespace TextDiffusion.Diffusion;

/// <summary>
/// The reverse process: start from x_K ~ N(0, I) and step down with
/// p_θ(x_{t−1} | x_t) = q(x_{t−1} | x_t, x̂0(x_t, t)), where x̂0 is the network's prediction
/// (optionally clamped), with the hooks for guidance and infilling.
/// </summary>
public sealed class Sampler(GaussianDiffusion diffusion, Denoiser denoiser, Parameterization parameterization)
{
    public GaussianDiffusion Diffusion => diffusion;

    /// <summary>x̂0 from the network at step <paramref name="t"/> (after DenoisedFn), and the posterior mean and log-variance.</summary>
    public (Tensor Mean, Tensor LogVariance, Tensor X0) PMeanVariance(Tensor xt, Tensor t, SamplingOptions options, int step,
        Tensor? previousX0 = null)
    {
        using var modelTime = diffusion.ModelTime(t);
        var output = denoiser(xt, modelTime, previousX0);
        Tensor x0 = parameterization == Parameterization.X0 ? output : Consume(output, o => diffusion.PredictX0FromEps(xt, t, o));
        if (options.DenoisedFn is { } clamp) x0 = Consume(x0, v => clamp(v, step));
        var (mean, variance, logVariance) = diffusion.PosteriorMeanVariance(x0, xt, t);
        variance.Dispose();
        return (mean, logVariance, x0);
    }

    /// <summary>Runs all K steps and returns x_0 of shape <paramref name="shape"/> [B, L, d].</summary>
    public Tensor Sample(long[] shape, Generator generator, SamplingOptions? options = null, Device? device = null) => torch.NoGrad(() =>
    {
        options ??= new SamplingOptions();
        var x = Prior(shape, generator, options, device);
        Tensor? x0 = null;                                     // the previous step's x̂0, for self-conditioning
        try
        {
            for (int step = diffusion.Steps - 1; step >= 0; step--)
            {
                using var scope = torch.NewDisposeScope();
                var (next, nextX0) = Step(x, step, generator, options, x0);
                x.Dispose();
                x0?.Dispose();
                x = scope.MoveToOuter(next);
                x0 = scope.MoveToOuter(nextX0);
            }
        }
        finally
        {
            x0?.Dispose();
        }
        return x;
    });

    /// <summary>x_K ~ N(0, F²I), F = <see cref="SamplingOptions.NoiseFactor"/>.</summary>
    public static Tensor Prior(long[] shape, Generator generator, SamplingOptions options, Device? device = null)
    {
        var x = torch.Randn(shape, device: device, generator: generator);
        if (options.NoiseFactor != 1.0) x.Mul_(options.NoiseFactor);
        return x;
    }

    /// <summary>
    /// One reverse step x_t → x_{t−1} at process step <paramref name="step"/>, given the previous step's
    /// x̂0 (self-conditioning); returns x_{t−1} and this step's x̂0.
    /// </summary>
    public (Tensor Next, Tensor X0) Step(Tensor x, int step, Generator generator, SamplingOptions options, Tensor? previousX0 = null)
    {
        var t = torch.Full([x.Size(0)], step, DType.Int64, x.Device);
        var (mean, logVariance, x0) = PMeanVariance(x, t, options, step, previousX0);
        Tensor prev;
        if (options.Ddim)
        {
            // x_{t−1} = √ᾱ_{t−1}·x̂0 + √(1 − ᾱ_{t−1})·ε̂
            var eps = diffusion.PredictEpsFromX0(x, t, x0);
            double abPrev = diffusion.AlphaBarPrev[step];
            prev = x0 * Math.Sqrt(abPrev) + eps * Math.Sqrt(1 - abPrev);
        }
        else if (step > 0)
        {
            var noise = torch.Randn(x.Shape, x.DType, x.Device, generator);
            prev = mean + (logVariance * 0.5).Exp() * noise * options.NoiseFactor;       // x_{t−1} = μ + F·σ·ε
        }
        else
        {
            prev = mean.Alias();
        }
        if (options.Guidance is { } guide) prev = guide(prev, mean, logVariance, step);
        if (options is { FixedMask: { } mask, FixedX0: { } known }) prev = torch.Where(mask.Unsqueeze(-1), known, prev);   // infilling: known positions ← x0
        return (prev, x0);
    }

    static Tensor Consume(Tensor input, Func<Tensor, Tensor> f)
    {
        using (input) return f(input);
    }
}
