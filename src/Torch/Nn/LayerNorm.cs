namespace Torch.Nn;

/// <summary>LayerNorm(x) = (x − E[x]) / sqrt(Var[x] + ε) · γ + β over the last dimension.</summary>
public sealed class LayerNorm : Module
{
    readonly long[] shape;
    readonly double eps;
    public Tensor? Weight { get; }
    public Tensor? Bias { get; }

    public LayerNorm(long dim, double eps = 1e-5, bool elementwiseAffine = true)
    {
        shape = [dim];
        this.eps = eps;
        if (elementwiseAffine)
        {
            Weight = Parameter("weight", torch.Ones([dim]));
            Bias = Parameter("bias", torch.Zeros([dim]));
        }
    }

    public Tensor Forward(Tensor x) => F.LayerNorm(x, shape, Weight, Bias, eps);
}
