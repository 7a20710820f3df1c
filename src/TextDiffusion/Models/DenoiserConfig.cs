namespace TextDiffusion.Models;

/// <summary>
/// Size of the transformer denoiser. The paper's E2E model is BERT-base-sized (12 layers × 768);
/// the `cpu` profile uses a few million parameters.
/// </summary>
public sealed record DenoiserConfig(
    int EmbeddingDim = 16,
    int ModelDim = 128,
    int Layers = 4,
    int Heads = 4,
    int FeedForwardDim = 512,
    int MaxLength = 64,
    double Dropout = 0.1);
