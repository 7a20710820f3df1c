using Torch;
using Torch.Nn;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// The transformer encoder both seq2seq models share: h = Dropout(W_in·emb + PosEmb) → layers
/// (→ LN when pre-norm). The caller embeds the tokens (its table may be narrower than the model:
/// Difformer's latent embeddings are projected up by W_in, as in the public code).
/// </summary>
public sealed class Seq2SeqEncoder : Module
{
    readonly Linear? projectIn;
    readonly Embedding positions;
    readonly Dropout dropout;
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly LayerNorm? finalNorm;

    public Seq2SeqEncoder(long inputDim, TransformerLayerOptions layer, int layerCount, int maxLength)
    {
        if (inputDim != layer.ModelDim) projectIn = Register("project_in", new Linear(inputDim, layer.ModelDim, bias: false));
        positions = Register("positions", new Embedding(maxLength, layer.ModelDim, initStd: 1 / Math.Sqrt(layer.ModelDim)));
        dropout = Register("dropout", new Dropout(layer.Dropout));
        layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
            Enumerable.Range(0, layerCount).Select(_ => new TransformerEncoderLayer(layer))));
        if (layer.NormFirst) finalNorm = Register("norm", new LayerNorm(layer.ModelDim, layer.LayerNormEps));
        MaxLength = maxLength;
    }

    public int MaxLength { get; }

    /// <summary>embedded [B, S, E], padding [B, S] (true at pads) → states [B, S, D].</summary>
    public Tensor Forward(Tensor embedded, Tensor padding) => torch.Scoped(() =>
    {
        long length = embedded.Size(1);
        if (length > MaxLength) throw new ArgumentException($"source length {length} exceeds the encoder's maximum {MaxLength}");
        var projected = projectIn is null ? embedded : projectIn.Forward(embedded);
        var h = dropout.Forward(projected + positions.Forward(torch.Arange(length, embedded.Device)));   // h = Dropout(W_in·emb + PosEmb)
        foreach (var layer in layers.Items) h = layer.Forward(h, padding);
        return finalNorm is null ? h : finalNorm.Forward(h);
    });
}
