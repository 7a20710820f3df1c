namespace Torch.Nn;

/// <summary>
/// Self-attention, cross-attention to an encoder's output ("memory"), then feed-forward; each a
/// residual block with layer norm (pre- or post-norm as in <see cref="TransformerEncoderLayer"/>).
/// </summary>
public sealed class TransformerDecoderLayer : Module
{
    readonly TransformerLayerOptions o;
    readonly LayerNorm norm1, norm2, norm3;
    readonly Dropout drop1, drop2, drop3;

    public TransformerDecoderLayer(TransformerLayerOptions options)
    {
        o = options;
        Register("self_attn", new MultiheadAttention(o.ModelDim, o.Heads, o.Dropout));
        Register("cross_attn", new MultiheadAttention(o.ModelDim, o.Heads, o.Dropout));
        Register("ffn", new FeedForward(o.ModelDim, o.FeedForwardDim, o.Dropout, o.Activation));
        norm1 = Register("norm1", new LayerNorm(o.ModelDim, o.LayerNormEps));
        norm2 = Register("norm2", new LayerNorm(o.ModelDim, o.LayerNormEps));
        norm3 = Register("norm3", new LayerNorm(o.ModelDim, o.LayerNormEps));
        drop1 = Register("drop1", new Dropout(o.Dropout));
        drop2 = Register("drop2", new Dropout(o.Dropout));
        drop3 = Register("drop3", new Dropout(o.Dropout));
    }

    public MultiheadAttention SelfAttention => Child<MultiheadAttention>("self_attn");
    public MultiheadAttention CrossAttention => Child<MultiheadAttention>("cross_attn");
    public FeedForward FeedForward => Child<FeedForward>("ffn");

    /// <summary>
    /// x [B, L, D] target side, memory [B, S, D]; <paramref name="padding"/> [B, L] and
    /// <paramref name="memoryPadding"/> [B, S] are true at padded positions.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor memory, Tensor? padding = null, Tensor? memoryPadding = null, bool causal = false)
    {
        using var h1 = Residual(x, norm1, drop1, y => SelfAttention.Forward(y, y, y, padding, causal));
        using var h2 = Residual(h1, norm2, drop2, y => CrossAttention.Forward(y, memory, memory, memoryPadding));
        return Residual(h2, norm3, drop3, FeedForward.Forward);
    }

    Tensor Residual(Tensor x, LayerNorm norm, Dropout drop, Func<Tensor, Tensor> sublayer) =>
        Nn.Residual.Apply(x, norm, drop, o.NormFirst, sublayer);
}
