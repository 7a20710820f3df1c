using Torch.Optim;

namespace TextDiffusion.Training;

/// <summary>
/// How to train: AdamW with a learning-rate schedule (by default linear warm-up and decay; set
/// <see cref="Schedule"/> for another, e.g. Difformer's inverse-sqrt), gradient clipping, optional EMA and checkpoints.
/// </summary>
public sealed record TrainingOptions(
    int Steps,
    double LearningRate = 1e-3,
    double WeightDecay = 0.0,
    int WarmupSteps = 0,
    double GradClipNorm = 1.0,
    double EmaDecay = 0.0,
    ulong Seed = 0,
    int LogEvery = 25,
    int CheckpointEvery = 0,
    string? CheckpointDir = null,
    bool Resume = false,
    double? MaxWallSeconds = null)
{
    /// <summary>The learning-rate schedule; null: linear warm-up over WarmupSteps, then linear decay to zero at Steps.</summary>
    public LrSchedule? Schedule { get; init; }

    /// <summary>These options checkpointing every <paramref name="every"/> steps into <paramref name="dir"/> (nothing when it is null), resuming or reusing what is there unless <paramref name="resume"/> is false.</summary>
    public TrainingOptions CheckpointedIn(string? dir, bool resume = true, int every = 250) =>
        this with { CheckpointEvery = dir is null ? 0 : every, CheckpointDir = dir, Resume = dir is not null && resume };
}
