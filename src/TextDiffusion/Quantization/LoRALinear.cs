using Torch;
using Torch.Nn;

namespace TextDiffusion.Quantization;

/// <summary>
/// LoRA (Hu et al., 2021): a linear layer with a frozen weight plus a trainable low-rank update,
/// y = x·Wᵀ + b + (α/r)·x·Aᵀ·Bᵀ with A ∈ R^{r×in} (Kaiming-uniform) and B ∈ R^{out×r} = 0 at start,
/// so that fine-tuning begins exactly at the pretrained layer. As loralib's <c>Linear</c>, only the weight is
/// frozen: the bias keeps training.
/// </summary>
public sealed class LoRALinear : Linear
{
    public int Rank { get; }
    public double Alpha { get; }
    public Tensor A { get; }
    public Tensor B { get; }
    double Scale => Alpha / Rank;

    public LoRALinear(Linear inner, int rank = 8, double alpha = 16) : base(inner)
    {
        Rank = rank;
        Alpha = alpha;
        Weight.RequiresGrad = false;
        double bound = 1.0 / Math.Sqrt(InFeatures);
        A = Parameter("lora_a", torch.Empty([rank, InFeatures]).Uniform_(-bound, bound));
        B = Parameter("lora_b", torch.Zeros([OutFeatures, rank]));
    }

    public override Tensor Forward(Tensor x) =>
        torch.Scoped(() => F.Linear(x, Weight, Bias) + F.Linear(F.Linear(x, A), B) * Scale); // y = x·Wᵀ + b + (α/r)·x·Aᵀ·Bᵀ

    /// <summary>A plain linear layer with W' = W + (α/r)·B·A: the same function, without the adapter's cost at inference.</summary>
    public Linear Merge()
    {
        using var evaluation = torch.NoGradScope();   // the new layer's parameters are not in it
        var merged = new Linear(InFeatures, OutFeatures, Bias is not null);
        merged.Weight.Copy_(Weight + B.MatMul(A) * Scale);   // W' = W + (α/r)·B·A
        if (Bias is not null) merged.Bias!.Copy_(Bias);
        return merged;
    }
}
