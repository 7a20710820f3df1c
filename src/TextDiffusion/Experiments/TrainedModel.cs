using TextDiffusion.Training;
using Torch.Nn;

namespace TextDiffusion.Experiments;

/// <summary>A model with the record of how it was trained.</summary>
public sealed record TrainedModel<T>(T Model, TrainingResult Training) where T : Module;
