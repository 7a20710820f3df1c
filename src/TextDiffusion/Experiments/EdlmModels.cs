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
    /// <summary>The four models of <see cref="EdlmExperiment"/>'s training cells, with their training records by name.</summary>
    public static EdlmModels Of(TrainedModel<MaskedDiffusionLM> mdlm, TrainedModel<TransformerLM> ar, TrainedModel<TransformerLM> judge,
        TrainedModel<NceEnergy> nce) =>
        new(mdlm.Model, ar.Model, judge.Model, nce.Model, new Dictionary<string, TrainingResult>
        {
            ["MDLM"] = mdlm.Training, ["AR"] = ar.Training, ["judge"] = judge.Training, ["NCE energy"] = nce.Training,
        });

    public void Dispose()
    {
        Diffusion.Dispose();
        Ar.Dispose();
        Judge.Dispose();
        Nce.Dispose();
    }
}
