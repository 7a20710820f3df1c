using Torch;
using Torch.Nn;
using TextDiffusion.Models;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Difformer's denoiser f_θ(z_t, t, x) → ẑ0: h = LN(SelfCond([W_in·z_t ; W_in·ẑ0_prev]) + TimeMlp(sin(t)) + PosEmb)
/// (the embedding layer norm, over the model width with affine parameters, where the public code's default puts it:
/// <c>forward_hidden</c> in <c>difformer/modules.py</c>, after the projection, before dropout), then transformer decoder layers (bidirectional self-attention over the target, cross-attention to
/// the encoder), then W_out back to the latent size. Learned positions start at N(0, 1/D), as fairseq's. Self-conditioning concatenates after the input
/// projection, as the public code's default.
/// </summary>
public sealed class DiffusionDecoder : Module
{
    readonly Linear? projectIn;
    readonly Projection? selfCondition;
    readonly Dropout selfConditionDropout, dropout;
    readonly Projection timeMlp;
    readonly Embedding positions;
    readonly LayerNorm? embeddingNorm;
    readonly ModuleList<TransformerDecoderLayer> layers;
    readonly LayerNorm? finalNorm;
    readonly Linear? projectOut;
    readonly long modelDim;

    public DiffusionDecoder(long latentDim, TransformerLayerOptions layer, int layerCount, int maxLength, bool selfConditioning, bool embeddingLayerNorm = false)
    {
        modelDim = layer.ModelDim;
        MaxLength = maxLength;
        if (latentDim != modelDim) projectIn = Register("project_in", new Linear(latentDim, modelDim, bias: false));
        if (selfConditioning) selfCondition = Register("self_cond", new Projection(2 * modelDim, modelDim, modelDim, Activation.Relu));
        selfConditionDropout = Register("self_cond_dropout", new Dropout(layer.Dropout));
        timeMlp = Register("time_mlp", new Projection(modelDim, 4 * modelDim, modelDim, Activation.Relu));
        positions = Register("positions", new Embedding(maxLength, modelDim, initStd: 1 / Math.Sqrt(modelDim)));
        if (embeddingLayerNorm) embeddingNorm = Register("embedding_norm", new LayerNorm(modelDim));
        dropout = Register("dropout", new Dropout(layer.Dropout));
        layers = Register("layers", new ModuleList<TransformerDecoderLayer>(
            Enumerable.Range(0, layerCount).Select(_ => new TransformerDecoderLayer(layer))));
        if (layer.NormFirst) finalNorm = Register("norm", new LayerNorm(modelDim, layer.LayerNormEps));
        if (latentDim != modelDim) projectOut = Register("project_out", new Linear(modelDim, latentDim, bias: false));
    }

    public int MaxLength { get; }
    public bool SelfConditioning => selfCondition is not null;

    /// <summary>The embedding layer norm on the decoder's input, or null when off.</summary>
    public LayerNorm? EmbeddingNorm => embeddingNorm;

    /// <summary>
    /// z_t [B, L, d]; model time [B] (float, on the 0…1000 scale); padding [B, L] true at positions
    /// beyond the target length; encoder states [B, S, D] and their padding [B, S]; the previous
    /// prediction ẑ0 [B, L, d] for self-conditioning (null: zeros). Returns ẑ0 [B, L, d].
    /// </summary>
    public Tensor Forward(Tensor zt, Tensor modelTime, Tensor padding, Tensor memory, Tensor memoryPadding, Tensor? previousZ0 = null) => torch.Scoped(() =>
    {
        long length = zt.Size(1);
        if (length > MaxLength) throw new ArgumentException($"target length {length} exceeds the decoder's maximum {MaxLength}");
        var time = timeMlp.Forward(TimestepEmbedding.Sinusoidal(modelTime, modelDim));
        var sum = Input(zt, previousZ0) + time.Unsqueeze(1) + positions.Forward(torch.Arange(length, zt.Device)); // SelfCond(W_in·z_t, ·) + TimeMlp(t) + PosEmb
        var h = dropout.Forward(embeddingNorm is null ? sum : embeddingNorm.Forward(sum));                      // the embedding layer norm (AFTER_PROJ)
        foreach (var layer in layers.Items) h = layer.Forward(h, memory, padding, memoryPadding);
        if (finalNorm is not null) h = finalNorm.Forward(h);
        return projectOut is null ? h : projectOut.Forward(h);
    });

    // W_in·z_t, or SelfCond([W_in·z_t ; W_in·ẑ0_prev]) when self-conditioning.
    Tensor Input(Tensor zt, Tensor? previousZ0)
    {
        if (selfCondition is null) return Project(zt);
        return selfConditionDropout.Forward(selfCondition.Forward(torch.Cat([Project(zt), Project(previousZ0 ?? torch.ZerosLike(zt))], -1))); // inside Forward's scope
    }

    Tensor Project(Tensor z) => projectIn is null ? z.Alias() : projectIn.Forward(z);
}
