using TextDiffusion.Diffusion;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// A Difformer: an encoder over the source, a denoising decoder over the target's embeddings and a
/// length predictor (papers.md §2). The defaults are the paper's IWSLT14 model (latent 128, model 512,
/// 6+6 layers, FFN 1024, 4 heads, T = 2000, sqrt schedule, dropout 0.3, label smoothing 0.1,
/// length loss factor 0.1); profiles shrink the sizes.
/// Source and target share one vocabulary (PAD = <see cref="Text.SpecialTokens.Pad"/>) and one embedding
/// table, which is also the output layer.
/// </summary>
public sealed record DifformerConfig(
    int VocabSize,
    int LatentDim = 128,
    int ModelDim = 512,
    int EncoderLayers = 6,
    int DecoderLayers = 6,
    int Heads = 4,
    int FeedForwardDim = 1024,
    double Dropout = 0.3,
    int MaxSourceLength = 256,
    int MaxTargetLength = 256,
    ScheduleKind Schedule = ScheduleKind.Sqrt,
    int DiffusionSteps = 2000,
    bool SelfConditioning = true,
    double LabelSmoothing = 0.1,
    double LengthLossFactor = 0.1,
    double DiffusionLossWeight = 1.0,
    bool NormFirst = false)
{
    public DifformerModules Modules { get; init; } = DifformerModules.Full;
}
