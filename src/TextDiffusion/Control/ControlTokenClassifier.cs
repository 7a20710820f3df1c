using TextDiffusion.Models;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// The left-to-right classifier of the semantic-content control: a causal transformer reads x_t
/// (L positions) and then the control's tokens c = "field : value", and predicts each control
/// token from x_t and the tokens before it:
/// log p(c | x_t) = Σ_k log p(c_k | x_t, c_&lt;k). The target is [B, C] control-token ids with −1
/// after the end; the network's last latent position predicts c_0.
/// </summary>
public sealed class ControlTokenClassifier : LatentClassifier
{
    readonly TransformerDenoiser network;
    readonly Embedding tokens;

    /// <param name="network">The denoiser's architecture (its MaxLength is the latent length L).</param>
    /// <param name="vocabSize">Size of the control-token vocabulary.</param>
    /// <param name="maxControlLength">Longest control sequence C.</param>
    public ControlTokenClassifier(DenoiserConfig network, int vocabSize, int maxControlLength)
    {
        LatentLength = network.MaxLength;
        MaxControlLength = maxControlLength;
        tokens = Register("tokens", new Embedding(vocabSize, network.EmbeddingDim));
        this.network = Register("network", new TransformerDenoiser(network with
        {
            OutputWidth = vocabSize, Causal = true, MaxLength = network.MaxLength + maxControlLength - 1,
        }));
    }

    public int LatentLength { get; }
    public int MaxControlLength { get; }

    /// <summary>Logits [B, C, V] of each control token given x_t and the control tokens before it.</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        long c = target.Size(1);
        if (c > MaxControlLength) throw new ArgumentException($"control of {c} tokens exceeds the classifier's maximum {MaxControlLength}");
        var head = target.Slice(1, 0, c - 1);                                   // c_0 … c_{C−2}
        var previous = head.MaskedFill(head.Lt(0), 0);                          // free entries read as PAD
        var sequence = torch.Cat([x, tokens.Forward(previous)], 1);          // [x_t ; EMB(c_<C)]
        var output = network.Forward(sequence, modelTime);
        return scope.MoveToOuter(output.Slice(1, x.Size(1) - 1, output.Size(1)));
    }
}
