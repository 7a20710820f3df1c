using TextDiffusion.Models;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// A constituent label for every span [i, j] of positions (class 0: not a constituent), read off
/// x_t by a bidirectional transformer: h = f(x_t, t), s_ij = W·tanh(A·h_i + B·h_j). It scores the
/// syntax-tree control (every span constrained: its label or "none") and the syntax-span control
/// (one span constrained). The target is [B, L, L] with −1 for free entries (and for i &gt; j):
/// log p(c | x_t) = Σ_{constrained i ≤ j} log softmax(s_ij)[c_ij].
/// </summary>
public sealed class SpanClassifier : LatentClassifier
{
    readonly TransformerDenoiser network;
    readonly Linear left, right, output;

    /// <param name="features">Width of the per-position features the span scorer combines.</param>
    public SpanClassifier(DenoiserConfig network, int labels, int features = 64)
    {
        Labels = labels;
        this.network = Register("network", new TransformerDenoiser(network with { OutputWidth = features, Causal = false }));
        left = Register("left", new Linear(features, features));
        right = Register("right", new Linear(features, features, bias: false));
        output = Register("output", new Linear(features, labels));
    }

    public int Labels { get; }

    /// <summary>Span label logits [B, L, L, labels]; entry [b, i, j] scores the span from position i to position j (inclusive).</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        var h = network.Forward(x, modelTime);
        var pair = left.Forward(h).Unsqueeze(2) + right.Forward(h).Unsqueeze(1); // [B, L, L, H]: A·h_i + B·h_j
        return scope.MoveToOuter(output.Forward(pair.Tanh()));
    }
}
