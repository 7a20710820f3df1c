using Torch.Nn;

namespace Torch.Optim;

/// <summary>
/// EMA of a model's weights, θ_ema ← decay·θ_ema + (1 − decay)·θ, kept as shadow tensors. Sampling
/// from the EMA weights is standard for diffusion models.
/// </summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    readonly (Tensor Live, Tensor Shadow)[] pairs;
    public double Decay { get; }

    public ExponentialMovingAverage(Module model, double decay = 0.9999)
    {
        Decay = decay;
        using var noGrad = torch.NoGrad();
        pairs = model.Parameters().Select(p => (p, DisposeScope.Detach(p.Detach().Clone()))).ToArray();
    }

    /// <summary>Call after each optimiser step.</summary>
    public void Update()
    {
        using var noGrad = torch.NoGrad();
        foreach (var (live, shadow) in pairs) shadow.Lerp_(live, 1 - Decay);
    }

    /// <summary>Copies the averaged weights into the model (e.g. before sampling or saving).</summary>
    public void CopyTo(Module model)
    {
        using var noGrad = torch.NoGrad();
        var target = model.Parameters().ToArray();
        if (target.Length != pairs.Length) throw new ArgumentException("the model does not have the parameters this EMA tracks");
        for (int i = 0; i < pairs.Length; i++) target[i].Copy_(pairs[i].Shadow);
    }

    /// <summary>The shadow weights by index, for checkpoints.</summary>
    public Dictionary<string, Tensor> StateDict() =>
        pairs.Select((p, i) => (i, p.Shadow)).ToDictionary(x => $"ema{x.i}", x => x.Shadow);

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        using var noGrad = torch.NoGrad();
        for (int i = 0; i < pairs.Length; i++) pairs[i].Shadow.Copy_(state[$"ema{i}"]);
    }

    public void Dispose()
    {
        foreach (var (_, shadow) in pairs) shadow.Dispose();
    }
}
