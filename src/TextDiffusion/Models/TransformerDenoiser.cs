using Torch;
using Torch.Nn;

namespace TextDiffusion.Models;

/// <summary>
/// Diffusion-LM's network f_θ(x_t, t): a bidirectional transformer over noisy word vectors.
/// h = LN(UpProj(x_t) + PosEmb + TimeMlp(sin(t))) → transformer layers → DownProj → [B, L, d].
/// UpProj, DownProj (Linear-Tanh-Linear) and TimeMlp (Linear-SiLU-Linear) are the projections
/// QE-CDLM quantises. With self-conditioning UpProj(x_t) becomes SelfCond([UpProj(x_t); UpProj(x̂0_prev)]).
/// </summary>
public sealed class TransformerDenoiser : Module
{
    readonly Embedding positions;
    readonly LayerNorm inputNorm;
    readonly Dropout dropout;
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly Projection? selfCondition;

    public DenoiserConfig Config { get; }

    public TransformerDenoiser(DenoiserConfig c)
    {
        Config = c;
        Register("input_up", new Projection(c.EmbeddingDim, c.ModelDim, c.ModelDim, Activation.Tanh));
        if (c.SelfCondition) selfCondition = Register("self_cond", new Projection(2 * c.ModelDim, c.ModelDim, c.ModelDim, Activation.Tanh));
        Register("time_mlp", new Projection(c.ModelDim, 4 * c.ModelDim, c.ModelDim, Activation.Silu));
        positions = Register("positions", new Embedding(c.MaxLength, c.ModelDim, initStd: 0.02));
        inputNorm = Register("input_norm", new LayerNorm(c.ModelDim));
        dropout = Register("dropout", new Dropout(c.Dropout));
        var layer = new TransformerLayerOptions(c.ModelDim, c.Heads, c.FeedForwardDim, c.Dropout, Activation.Gelu, NormFirst: false);
        layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
            Enumerable.Range(0, c.Layers).Select(_ => new TransformerEncoderLayer(layer))));
        Register("output_down", new Projection(c.ModelDim, c.ModelDim, c.OutputDim, Activation.Tanh));
    }

    public Projection InputUp => Child<Projection>("input_up");
    public Projection TimeMlp => Child<Projection>("time_mlp");
    public Projection OutputDown => Child<Projection>("output_down");
    public IEnumerable<TransformerEncoderLayer> Layers => layers.Items;

    /// <summary>
    /// xt [B, L, d], model timesteps [B] (int64), optional padding [B, L] (true = pad), and for a
    /// self-conditioned network the previous estimate x̂0 [B, L, d] (null: zeros) → [B, L, OutputDim].
    /// </summary>
    public Tensor Forward(Tensor xt, Tensor modelTime, Tensor? padding = null, Tensor? previousX0 = null) => torch.Scoped(() =>
    {
        var time = TimeMlp.Forward(TimestepEmbedding.Sinusoidal(modelTime, Config.ModelDim));
        var h = dropout.Forward(inputNorm.Forward(Input(xt, previousX0) + positions.Forward(torch.Arange(xt.Size(1), xt.Device)) + time.Unsqueeze(1))); // h = LN(UpProj(x_t) + PosEmb + TimeMlp(t))
        foreach (var layer in layers.Items) h = layer.Forward(h, padding, Config.Causal);
        return OutputDown.Forward(h);
    });

    // UpProj(x_t), or SelfCond([UpProj(x_t); UpProj(x̂0_prev)]) when self-conditioning.
    Tensor Input(Tensor xt, Tensor? previousX0)
    {
        if (selfCondition is null) return InputUp.Forward(xt);
        return selfCondition.Forward(torch.Cat([InputUp.Forward(xt), InputUp.Forward(previousX0 ?? torch.ZerosLike(xt))], -1)); // inside Forward's scope
    }
}
