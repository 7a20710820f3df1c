using TextDiffusion.Diffusion;

namespace TextDiffusion.Models;

/// <summary>
/// One Diffusion-LM experiment's model and objective (papers.md §1). Defaults are the paper's
/// choices for E2E, except the network size, which the profile sets. <see cref="SelfCondition"/>
/// (off in the paper) feeds the network its previous x̂0, as Difformer does.
/// </summary>
public sealed record DiffusionLMConfig(
    int VocabSize,
    int SequenceLength = 64,
    int EmbeddingDim = 16,
    bool LearnedEmbeddings = true,
    ScheduleKind Schedule = ScheduleKind.Sqrt,
    int DiffusionSteps = 2000,
    Parameterization Parameterization = Parameterization.X0,
    bool LossAwareTimesteps = false,
    int ModelDim = 128,
    int Layers = 4,
    int Heads = 4,
    int FeedForwardDim = 512,
    double Dropout = 0.1,
    bool SelfCondition = false)
{
    public DenoiserConfig Denoiser => new(EmbeddingDim, ModelDim, Layers, Heads, FeedForwardDim, SequenceLength, Dropout,
        SelfCondition: SelfCondition);
}
