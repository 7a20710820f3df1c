namespace Torch.Nn;

public enum Activation
{
    Gelu,
    Relu,
    Silu,
    Tanh,
}

public static class Activations
{
    public static Func<Tensor, Tensor> Function(Activation activation) => activation switch
    {
        Activation.Gelu => F.Gelu,
        Activation.Relu => F.Relu,
        Activation.Silu => F.Silu,
        Activation.Tanh => F.Tanh,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
