using Torch;

namespace TextDiffusion.Diffusion;

/// <summary>
/// A Gaussian diffusion process with K steps: the forward process q, its posterior, and the
/// conversions between predictions. Tables are float64; index i ∈ [0, K) is a step of this process
/// and <see cref="TimestepMap"/>[i] the timestep the network was trained on (they differ once the
/// process is respaced to fewer steps). Sampling lives in <see cref="Sampler"/>.
/// </summary>
public sealed class GaussianDiffusion
{
    public int Steps { get; }
    public int[] TimestepMap { get; }
    public double[] Betas { get; }
    /// <summary>ᾱ_i = Π_{j≤i} (1 − β_j).</summary>
    public double[] AlphaBar { get; }
    /// <summary>ᾱ_{i−1}, with ᾱ_{−1} = 1.</summary>
    public double[] AlphaBarPrev { get; }
    /// <summary>β̃_i = β_i (1 − ᾱ_{i−1}) / (1 − ᾱ_i), the posterior variance.</summary>
    public double[] PosteriorVariance { get; }
    /// <summary>log β̃_i, with β̃_0 (= 0) replaced by β̃_1.</summary>
    public double[] PosteriorLogVariance { get; }
    /// <summary>μ̃ = c1·x0 + c2·x_t, c1 = β_i √ᾱ_{i−1} / (1 − ᾱ_i).</summary>
    public double[] PosteriorMeanCoef1 { get; }
    /// <summary>c2 = (1 − ᾱ_{i−1}) √(1 − β_i) / (1 − ᾱ_i).</summary>
    public double[] PosteriorMeanCoef2 { get; }

    public GaussianDiffusion(double[] betas, int[]? timestepMap = null)
    {
        Steps = betas.Length;
        Betas = betas;
        TimestepMap = timestepMap ?? Enumerable.Range(0, Steps).ToArray();
        AlphaBar = new double[Steps];
        double product = 1;
        for (int i = 0; i < Steps; i++) AlphaBar[i] = product *= 1 - betas[i];
        AlphaBarPrev = [1.0, .. AlphaBar[..^1]];
        PosteriorVariance = new double[Steps];
        PosteriorMeanCoef1 = new double[Steps];
        PosteriorMeanCoef2 = new double[Steps];
        for (int i = 0; i < Steps; i++)
        {
            PosteriorVariance[i] = betas[i] * (1 - AlphaBarPrev[i]) / (1 - AlphaBar[i]);
            PosteriorMeanCoef1[i] = betas[i] * Math.Sqrt(AlphaBarPrev[i]) / (1 - AlphaBar[i]);
            PosteriorMeanCoef2[i] = (1 - AlphaBarPrev[i]) * Math.Sqrt(1 - betas[i]) / (1 - AlphaBar[i]);
        }
        PosteriorLogVariance = PosteriorVariance.Select((v, i) => Math.Log(i == 0 && Steps > 1 ? PosteriorVariance[1] : v)).ToArray();
    }

    public static GaussianDiffusion Create(ScheduleKind schedule, int steps) => new(NoiseSchedule.Betas(schedule, steps));

    /// <summary>
    /// The same process on a subset of its timesteps: ᾱ is kept at the chosen steps and
    /// β'_k = 1 − ᾱ_{s_k} / ᾱ_{s_{k−1}}, so a model trained on all T steps samples in K.
    /// </summary>
    public GaussianDiffusion Respace(IReadOnlyList<int> keep)
    {
        var betas = new double[keep.Count];
        double previous = 1;
        for (int k = 0; k < keep.Count; k++)
        {
            double ab = AlphaBar[keep[k]];
            betas[k] = 1 - ab / previous;
            previous = ab;
        }
        return new GaussianDiffusion(betas, keep.Select(i => TimestepMap[i]).ToArray());
    }

    public GaussianDiffusion Respace(int count) => Respace(NoiseSchedule.EvenlySpaced(Steps, count));

    // ---- the forward process ------------------------------------------------------------------
    /// <summary>x_t = √ᾱ_t·x0 + F·√(1 − ᾱ_t)·ε (F = 1 is q(x_t | x0); Difformer trains with a noise factor F > 1).</summary>
    public Tensor QSample(Tensor x0, Tensor t, Tensor noise, double noiseFactor = 1.0) =>
        torch.Scoped(() => At(t, x0, ab => Math.Sqrt(ab)) * x0 + At(t, x0, ab => noiseFactor * Math.Sqrt(1 - ab)) * noise);

    /// <summary>Mean √ᾱ_t·x0 and variance 1 − ᾱ_t of q(x_t | x0).</summary>
    public (Tensor Mean, Tensor Variance) QMeanVariance(Tensor x0, Tensor t) =>
        torch.Scoped(() => (At(t, x0, ab => Math.Sqrt(ab)) * x0, At(t, x0, ab => 1 - ab)));

    /// <summary>q(x_{t−1} | x_t, x0) = N(c1·x0 + c2·x_t, β̃_t): mean, variance, log variance.</summary>
    public (Tensor Mean, Tensor Variance, Tensor LogVariance) PosteriorMeanVariance(Tensor x0, Tensor xt, Tensor t) => torch.Scoped(() =>
    {
        var mean = Extract(PosteriorMeanCoef1, t, x0) * x0 + Extract(PosteriorMeanCoef2, t, x0) * xt;   // μ̃ = c1·x0 + c2·x_t
        return (mean, Extract(PosteriorVariance, t, x0), Extract(PosteriorLogVariance, t, x0));
    });

    /// <summary>x0 = (x_t − √(1 − ᾱ_t)·ε) / √ᾱ_t, computed as x_t/√ᾱ_t − √(1/ᾱ_t − 1)·ε.</summary>
    public Tensor PredictX0FromEps(Tensor xt, Tensor t, Tensor eps) =>
        torch.Scoped(() => At(t, xt, ab => 1 / Math.Sqrt(ab)) * xt - At(t, xt, ab => Math.Sqrt(1 / ab - 1)) * eps);

    /// <summary>ε = (x_t − √ᾱ_t·x0) / √(1 − ᾱ_t).</summary>
    public Tensor PredictEpsFromX0(Tensor xt, Tensor t, Tensor x0) =>
        torch.Scoped(() => (xt - At(t, xt, ab => Math.Sqrt(ab)) * x0) * At(t, xt, ab => 1 / Math.Sqrt(1 - ab)));

    /// <summary>f(ᾱ_t) per batch element, computed in float64 and shaped to broadcast against <paramref name="like"/>.</summary>
    Tensor At(Tensor t, Tensor like, Func<double, double> f) => Extract(AlphaBar, t, like, f);

    /// <summary>The network's timestep for each process step in <paramref name="t"/>.</summary>
    public Tensor ModelTime(Tensor t)
    {
        using var map = torch.Tensor(TimestepMap.Select(v => (long)v).ToArray(), device: t.Device);
        return map.IndexSelect(0, t);
    }

    /// <summary>table[t] per batch element, shaped [B, 1, …] to broadcast against <paramref name="like"/>.</summary>
    internal static Tensor Extract(double[] table, Tensor t, Tensor like, Func<double, double>? f = null) => torch.Scoped(() =>
    {
        var values = f is null ? table : table.Select(f).ToArray();
        var shape = new long[like.Dim];
        Array.Fill(shape, 1L);
        shape[0] = t.Size(0);
        return torch.Tensor(values, device: like.Device).IndexSelect(0, t).To(like.DType).Reshape(shape);
    });
}
