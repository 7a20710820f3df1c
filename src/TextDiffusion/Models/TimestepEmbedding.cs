using Torch;

namespace TextDiffusion.Models;

public static class TimestepEmbedding
{
    /// <summary>
    /// Sinusoidal features of integer timesteps t [B] → [B, dim]:
    /// [cos(t·ω_k), sin(t·ω_k)], ω_k = 10000^(−k/(dim/2)), as in the Transformer and DDPM.
    /// </summary>
    public static Tensor Sinusoidal(Tensor t, long dim, double maxPeriod = 10000)
    {
        long half = dim / 2;
        var frequencies = Enumerable.Range(0, (int)half).Select(k => (float)Math.Exp(-Math.Log(maxPeriod) * k / half)).ToArray();
        using var omega = torch.Tensor(frequencies, device: t.Device);
        using var tf = t.To(DType.Float32).Unsqueeze(1);
        using var args = tf * omega.Unsqueeze(0);
        using var cos = args.Cos();
        using var sin = args.Sin();
        return torch.Cat([cos, sin], 1);
    }
}
