using Torch;

namespace TextDiffusion.Diffusion;

/// <summary>
/// Draws training timesteps. Uniform: p(t) = 1/T. Loss-aware (importance) sampling, as in Improved
/// DDPM: p(t) ∝ sqrt(E[L_t²]) over the last 10 losses seen at each t (mixed with 0.1% uniform), with
/// weights 1/(T·p(t)) so that the weighted loss stays an unbiased estimate of the uniform objective.
/// </summary>
public sealed class TimestepSampler(int steps, bool lossAware = false, int history = 10)
{
    readonly double[,] losses = new double[steps, history];
    readonly int[] counts = new int[steps];

    public bool LossAware => lossAware;

    bool WarmedUp => lossAware && counts.All(c => c == history);

    /// <summary>Timesteps [B] (int64) and their importance weights [B].</summary>
    public (Tensor T, Tensor Weights) Sample(int batch, Device device, Generator? generator = null)
    {
        if (!WarmedUp)
            return (torch.RandInt(0, steps, [batch], device, generator), torch.Ones([batch], device: device));
        using var scope = torch.NewDisposeScope();
        var p = Probabilities();
        var probs = torch.Tensor(p, device: device);
        var t = probs.Multinomial(batch, replacement: true, generator: generator);
        var weights = (1.0 / (probs.IndexSelect(0, t) * steps)).To(DType.Float32);   // 1/(T·p(t))
        return (scope.MoveToOuter(t), scope.MoveToOuter(weights));
    }

    /// <summary>Records per-example losses at their timesteps (call with the unweighted losses).</summary>
    public void Update(long[] t, double[] loss)
    {
        if (!lossAware) return;
        for (int i = 0; i < t.Length; i++)
        {
            int k = (int)t[i];
            if (counts[k] == history)
                for (int j = 1; j < history; j++) losses[k, j - 1] = losses[k, j];
            else counts[k]++;
            losses[k, counts[k] - 1] = loss[i];
        }
    }

    public double[] Probabilities()
    {
        var w = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            double m = 0;
            for (int j = 0; j < history; j++) m += losses[k, j] * losses[k, j];
            w[k] = Math.Sqrt(m / history);
        }
        double sum = w.Sum();
        return w.Select(x => 0.999 * x / sum + 0.001 / steps).ToArray();
    }
}
