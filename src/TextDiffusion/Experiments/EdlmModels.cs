using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Training;

namespace TextDiffusion.Experiments;

/// <summary>The trained models of one EDLM run and their training records.</summary>
public sealed record EdlmModels(
    MaskedDiffusionLM Diffusion,
    TransformerLM Ar,
    TransformerLM Judge,
    NceEnergy Nce,
    IReadOnlyDictionary<string, TrainingResult> Training) : IDisposable
{
    public void Dispose()
    {
        Diffusion.Dispose();
        Ar.Dispose();
        Judge.Dispose();
        Nce.Dispose();
    }
}
