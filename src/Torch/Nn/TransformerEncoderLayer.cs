namespace Torch.Nn;

/// <summary>Configuration of one transformer layer (encoder or decoder).</summary>
public sealed record TransformerLayerOptions(
    long ModelDim,
    long Heads,
    long FeedForwardDim,
    double Dropout = 0.1,
    Activation Activation = Activation.Gelu,
    bool NormFirst = true,
    double LayerNormEps = 1e-5);

/// <summary>
/// Self-attention then feed-forward, each with a residual connection and layer norm.
/// Pre-norm (NormFirst): x + Attn(LN(x)), then x + FFN(LN(x)); post-norm: LN(x + Attn(x)), LN(x + FFN(x)).
/// </summary>
public sealed class TransformerEncoderLayer : Module
{
    readonly TransformerLayerOptions o;
    readonly LayerNorm norm1, norm2;
    readonly Dropout drop1, drop2;

    public TransformerEncoderLayer(TransformerLayerOptions options)
    {
        o = options;
        Register("attn", new MultiheadAttention(o.ModelDim, o.Heads, o.Dropout));
        Register("ffn", new FeedForward(o.ModelDim, o.FeedForwardDim, o.Dropout, o.Activation));
        norm1 = Register("norm1", new LayerNorm(o.ModelDim, o.LayerNormEps));
        norm2 = Register("norm2", new LayerNorm(o.ModelDim, o.LayerNormEps));
        drop1 = Register("drop1", new Dropout(o.Dropout));
        drop2 = Register("drop2", new Dropout(o.Dropout));
    }

    public MultiheadAttention Attention => Child<MultiheadAttention>("attn");
    public FeedForward FeedForward => Child<FeedForward>("ffn");

    /// <summary>x [B, L, D]; <paramref name="padding"/> [B, L] true at padded positions.</summary>
    public Tensor Forward(Tensor x, Tensor? padding = null, bool causal = false)
    {
        var h = Residual(x, norm1, drop1, y => Attention.Forward(y, y, y, padding, causal));
        using (h) return Residual(h, norm2, drop2, FeedForward.Forward);
    }

    Tensor Residual(Tensor x, LayerNorm norm, Dropout drop, Func<Tensor, Tensor> sublayer) =>
        Nn.Residual.Apply(x, norm, drop, o.NormFirst, sublayer);
}
