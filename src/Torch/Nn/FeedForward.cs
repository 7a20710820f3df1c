namespace Torch.Nn;

/// <summary>The transformer's position-wise MLP: Linear(D→F) · activation · dropout · Linear(F→D).</summary>
public sealed class FeedForward : Module
{
    readonly Linear up, down;
    readonly Dropout dropout;
    readonly Func<Tensor, Tensor> activation;

    public FeedForward(long modelDim, long hiddenDim, double dropout = 0, Activation activation = Activation.Gelu)
    {
        up = Register("up", new Linear(modelDim, hiddenDim));
        down = Register("down", new Linear(hiddenDim, modelDim));
        this.dropout = Register("dropout", new Dropout(dropout));
        this.activation = Activations.Function(activation);
    }

    public Tensor Forward(Tensor x)
    {
        using var h = up.Forward(x);
        using var a = activation(h);
        using var d = dropout.Forward(a);
        return down.Forward(d);
    }
}
