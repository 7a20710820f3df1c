namespace TextDiffusion.Models;

/// <summary>
/// Size of the transformer denoiser. The paper's E2E model is BERT-base-sized (12 layers × 768);
/// the `cpu` profile uses a few million parameters. The control classifiers reuse the same network
/// on x_t with another output width (<see cref="OutputDim"/>) and, for the left-to-right semantic
/// classifier, causal attention. With <see cref="SelfCondition"/> the network also reads its own
/// previous estimate x̂0 (Chen et al., 2022 "Analog Bits"; not in Diffusion-LM).
/// </summary>
public sealed record DenoiserConfig(
    int EmbeddingDim = 16,
    int ModelDim = 128,
    int Layers = 4,
    int Heads = 4,
    int FeedForwardDim = 512,
    int MaxLength = 64,
    double Dropout = 0.1,
    int? OutputWidth = null,
    bool Causal = false,
    bool SelfCondition = false)
{
    /// <summary>Width of the output projection: d for the denoiser (it predicts x0 or ε), a class count for a classifier.</summary>
    public int OutputDim => OutputWidth ?? EmbeddingDim;
}
