using TextDiffusion.Models;

namespace TextDiffusion.Experiments;

/// <summary>One trained-and-measured Diffusion-LM variant: a row of an ablation table.</summary>
public sealed record VariantResult(string Name, TrainedModel<DiffusionLM> Trained, IReadOnlyList<string> Samples, SampleQuality Quality,
    int SampleSteps, bool Clamp, double SampleSeconds)
{
    public double TrainSeconds => Trained.Training.WallSeconds;
}
