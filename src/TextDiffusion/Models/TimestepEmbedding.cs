using Torch;

namespace TextDiffusion.Models;

public static class TimestepEmbedding
{
    /// <summary>
    /// Sinusoidal features of integer timesteps t [B] → [B, dim]:
    /// [cos(t·ω_k), sin(t·ω_k)], ω_k = 10000^(−k/(dim/2)), as in the Transformer and DDPM.
    /// </summary>
    public static Tensor Sinusoidal(Tensor t, long dim, double maxPeriod = 10000) => torch.Scoped(() =>
    {
        long half = dim / 2;
        var frequencies = Enumerable.Range(0, (int)half).Select(k => (float)Math.Exp(-Math.Log(maxPeriod) * k / half)).ToArray();
        var omega = torch.Tensor(frequencies, device: t.Device);
        var args = t.To(DType.Float32).Unsqueeze(1) * omega.Unsqueeze(0);     // t·ω_k
        return torch.Cat([args.Cos(), args.Sin()], 1); // [cos(t·ω_k), sin(t·ω_k)]
    });
}
