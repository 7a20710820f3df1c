namespace TextDiffusion.Models;

/// <summary>Size of a causal transformer language model.</summary>
public sealed record TransformerLMConfig(
    int VocabSize,
    int MaxLength = 64,
    int ModelDim = 128,
    int Layers = 2,
    int Heads = 4,
    int FeedForwardDim = 512,
    double Dropout = 0.1,
    int PadId = 0);
