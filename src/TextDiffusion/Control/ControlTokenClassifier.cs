using TextDiffusion.Models;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// The left-to-right classifier of the semantic-content control: a causal transformer reads x_t
/// (L positions) and then the control's tokens c = "field : value EOS", and predicts each token
/// from x_t and the tokens before it. The field and the colon are given, and only the value and
/// EOS are scored: log p(c | x_t) = Σ_{k after ':'} log p(c_k | x_t, c_&lt;k). (Scoring the field
/// too asks which of a sentence's 3–8 MR slots the example was drawn for, which x_t cannot tell;
/// with it, the classifier of notebook 02 stayed at its prior, 0.68 at every t.) The target is
/// [B, C] control-token ids with −1 after the end; the network's last latent position predicts c_0.
/// </summary>
public sealed class ControlTokenClassifier : LatentClassifier
{
    readonly TransformerDenoiser network;
    readonly Embedding tokens;

    /// <param name="network">The denoiser's architecture (its MaxLength is the latent length L).</param>
    /// <param name="vocabSize">Size of the control-token vocabulary.</param>
    /// <param name="maxControlLength">Longest control sequence C.</param>
    /// <param name="separatorId">Id of ':' — the tokens up to and including it are given, not scored.</param>
    public ControlTokenClassifier(DenoiserConfig network, int vocabSize, int maxControlLength, int separatorId)
    {
        SeparatorId = separatorId;
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
    public int SeparatorId { get; }

    /// <summary>The target with every entry up to and including the first ':' of its row set to −1.</summary>
    protected override Tensor Scored(Tensor target) => torch.Scoped(() =>
    {
        var separator = target.Eq(SeparatorId);
        var afterSeparator = separator.To(DType.Int64).CumSum(1).Gt(0).LogicalAnd(separator.LogicalNot());
        return target.MaskedFill(afterSeparator.LogicalNot(), -1);
    });

    /// <summary>Logits [B, C, V] of each control token given x_t and the control tokens before it.</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        long c = target.Size(1);
        if (c > MaxControlLength) throw new ArgumentException($"control of {c} tokens exceeds the classifier's maximum {MaxControlLength}");
        var head = target.Slice(1, 0, c - 1);                                   // c_0 … c_{C−2}
        var previous = head.MaskedFill(head.Lt(0), 0);                          // free entries read as PAD
        var sequence = torch.Cat([x, tokens.Forward(previous)], 1);          // [x_t ; EMB(c_<C)]
        var output = network.Forward(sequence, modelTime);
        return output.Slice(1, x.Size(1) - 1, output.Size(1));
    });
}
