using Torch;
using Torch.Nn;

namespace TextDiffusion.Discrete;

/// <summary>
/// The bidirectional transformer trunk shared by the masked diffusion denoiser and the NCE energy
/// (which starts as a copy of it): h = LN(Layers(TokEmb(x) + PosEmb)), pre-norm layers, no
/// causal mask, no time input (MDLM's masked denoiser is not time-conditioned). Vocabulary V+1 (MASK included).
/// </summary>
public sealed class MaskedTransformer : Module
{
    readonly Embedding tokens, positions;
    readonly Dropout dropout;
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly LayerNorm finalNorm;

    public long ModelDim { get; }
    public long MaxLength { get; }

    public MaskedTransformer(long vocabWithMask, long maxLength, long modelDim, int layerCount, long heads, long feedForwardDim, double dropoutP)
    {
        ModelDim = modelDim;
        MaxLength = maxLength;
        tokens = Register("tokens", new Embedding(vocabWithMask, modelDim, initStd: 0.02));
        positions = Register("positions", new Embedding(maxLength, modelDim, initStd: 0.02));
        dropout = Register("dropout", new Dropout(dropoutP));
        var layer = new TransformerLayerOptions(modelDim, heads, feedForwardDim, dropoutP);
        layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
            Enumerable.Range(0, layerCount).Select(_ => new TransformerEncoderLayer(layer))));
        finalNorm = Register("norm", new LayerNorm(modelDim));
    }

    /// <summary>TokEmb(ids) [B, L, D] (no positions).</summary>
    public Tensor EmbedTokens(Tensor ids) => tokens.Forward(ids);

    /// <summary>LN(Layers(e + PosEmb)) for input vectors e [B, L, D].</summary>
    public Tensor Encode(Tensor embedded) => torch.Scoped(() =>
    {
        long length = embedded.Size(1);
        if (length > MaxLength) throw new ArgumentException($"sequence length {length} exceeds the model's maximum {MaxLength}");
        var h = dropout.Forward(embedded + positions.Forward(torch.Arange(length, embedded.Device)));   // e + PosEmb
        foreach (var layer in layers.Items) h = layer.Forward(h);
        return finalNorm.Forward(h);
    });

    /// <summary>Hidden states [B, L, D] for ids [B, L].</summary>
    public Tensor Forward(Tensor ids)
    {
        using var e = EmbedTokens(ids);
        return Encode(e);
    }
}
