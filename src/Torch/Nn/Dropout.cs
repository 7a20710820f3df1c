namespace Torch.Nn;

/// <summary>Zeroes each element with probability p during training (scaling the rest by 1/(1−p)).</summary>
public sealed class Dropout(double p) : Module
{
    public double P { get; } = p;

    public Tensor Forward(Tensor x) => F.Dropout(x, P, Training);
}
