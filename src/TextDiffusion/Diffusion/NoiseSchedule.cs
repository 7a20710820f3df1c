namespace TextDiffusion.Diffusion;

public enum ScheduleKind
{
    /// <summary>Diffusion-LM's schedule: ᾱ(t) = 1 − sqrt(t/T + s), s = 1e-4. Noise rises fast at first.</summary>
    Sqrt,
    /// <summary>DDPM's: β linear from 1e-4 to 0.02 (scaled by 1000/T).</summary>
    Linear,
    /// <summary>Improved DDPM's: ᾱ(t) = cos²(((t/T + s)/(1 + s))·π/2), s = 0.008.</summary>
    Cosine,
}

/// <summary>The β_t of a noise schedule with T steps, in float64.</summary>
public static class NoiseSchedule
{
    const double MaxBeta = 0.999;

    public static double[] Betas(ScheduleKind kind, int steps) => kind switch
    {
        ScheduleKind.Sqrt => FromAlphaBar(steps, t => 1 - Math.Sqrt(t + 1e-4)),
        ScheduleKind.Cosine => FromAlphaBar(steps, t => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2)),
        ScheduleKind.Linear => LinearBetas(steps),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>β_i = min(1 − ᾱ((i+1)/T) / ᾱ(i/T), 0.999) for a continuous ᾱ on [0, 1].</summary>
    static double[] FromAlphaBar(int steps, Func<double, double> alphaBar)
    {
        var betas = new double[steps];
        for (int i = 0; i < steps; i++)
            betas[i] = Math.Min(1 - alphaBar((i + 1.0) / steps) / alphaBar((double)i / steps), MaxBeta);
        return betas;
    }

    static double[] LinearBetas(int steps)
    {
        double scale = 1000.0 / steps, start = scale * 1e-4, end = scale * 0.02;
        return Enumerable.Range(0, steps).Select(i => start + (end - start) * i / Math.Max(1, steps - 1)).ToArray();
    }

    /// <summary>
    /// K timesteps out of T, evenly spaced and always including 0 and T−1 (the respacing used to
    /// sample with fewer steps, e.g. 2000 → 200).
    /// </summary>
    public static int[] EvenlySpaced(int steps, int count)
    {
        if (count < 1 || count > steps) throw new ArgumentOutOfRangeException(nameof(count), count, $"must be in [1, {steps}]");
        if (count == 1) return [steps - 1];
        return Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (steps - 1.0) / (count - 1))).Distinct().ToArray();
    }
}
