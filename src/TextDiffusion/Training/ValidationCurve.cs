using Torch;
using Torch.Nn;

namespace TextDiffusion.Training;

/// <summary>
/// A progress sink that also records a validation loss at every report: the model is switched to
/// evaluation mode, <paramref name="validationLoss"/> runs without gradients, and training mode is
/// restored. The trainer reports every LogEvery steps, so the curve has that resolution.
/// </summary>
public sealed class ValidationCurve(Module model, Func<double> validationLoss, IProgress<TrainingProgress>? inner = null) : IProgress<TrainingProgress>
{
    readonly List<(int Step, double Loss)> points = [];

    public IReadOnlyList<(int Step, double Loss)> Points => points;

    public void Report(TrainingProgress value)
    {
        inner?.Report(value);
        Record(value.Step);
    }

    /// <summary>Measures the validation loss now and records it at <paramref name="step"/> (e.g. step 0, before training).</summary>
    public void Record(int step)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            points.Add((step, validationLoss()));
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
