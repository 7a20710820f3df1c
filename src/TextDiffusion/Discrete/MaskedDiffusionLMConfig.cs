namespace TextDiffusion.Discrete;

/// <summary>
/// Size and process of a masked diffusion language model (MDLM; EDLM's base model). The paper's
/// OpenWebText model is a 12-layer, 768-wide DiT over GPT-2 tokens of length 1024; the profiles
/// set the size. Token ids are 0..V−1; the model adds MASK = V.
/// </summary>
public sealed record MaskedDiffusionLMConfig(
    int VocabSize,
    int SequenceLength = 64,
    int ModelDim = 128,
    int Layers = 4,
    int Heads = 4,
    int FeedForwardDim = 512,
    double Dropout = 0.1,
    double ScheduleEps = 1e-3,
    double TimeEps = 1e-3);
