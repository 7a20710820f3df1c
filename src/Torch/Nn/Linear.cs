namespace Torch.Nn;

/// <summary>y = x·Wᵀ + b, W ∈ R^{out×in}, initialised U(−1/√in, 1/√in) as in PyTorch.</summary>
public class Linear : Module
{
    public Tensor Weight { get; }
    public Tensor? Bias { get; }
    public long InFeatures { get; }
    public long OutFeatures { get; }

    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        double bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = Parameter("weight", torch.Empty([outFeatures, inFeatures]).Uniform_(-bound, bound));
        if (bias) Bias = Parameter("bias", torch.Empty([outFeatures]).Uniform_(-bound, bound));
    }

    /// <summary>For subclasses that wrap another layer's weights (LoRA, quantised projections): the same tensors, registered again.</summary>
    protected Linear(Linear inner)
    {
        InFeatures = inner.InFeatures;
        OutFeatures = inner.OutFeatures;
        Weight = Parameter("weight", inner.Weight);
        if (inner.Bias is { } bias) Bias = Parameter("bias", bias);
    }

    public virtual Tensor Forward(Tensor x) => F.Linear(x, Weight, Bias);
}
