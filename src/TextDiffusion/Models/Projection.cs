using Torch;
using Torch.Nn;

namespace TextDiffusion.Models;

/// <summary>
/// Linear · activation · Linear: Diffusion-LM's input up-projection (d → D, tanh), output
/// down-projection (D → d, tanh) and time-embedding MLP (SiLU). Both linears are swappable
/// children, so QE-CDLM can replace them with quantised ones without copying the model.
/// </summary>
public sealed class Projection : Module
{
    readonly Func<Tensor, Tensor> activation;

    public Projection(long inDim, long hiddenDim, long outDim, Activation activation)
    {
        Register("first", new Linear(inDim, hiddenDim));
        Register("second", new Linear(hiddenDim, outDim));
        this.activation = Activations.Function(activation);
    }

    public Linear First { get => Child<Linear>("first"); set => Replace("first", value); }
    public Linear Second { get => Child<Linear>("second"); set => Replace("second", value); }

    public Tensor Forward(Tensor x) =>
        torch.Scoped(() => Second.Forward(activation(First.Forward(x)))); // W₂·act(W₁·x + b₁) + b₂
}
