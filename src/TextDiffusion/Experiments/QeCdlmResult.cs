namespace TextDiffusion.Experiments;

/// <summary>
/// One fine-tuned QE-CDLM variant: the model and its training, the validation-loss curve (step 0 =
/// the pretrained model with the variant's projections), its tunable parameters (all that received
/// gradients) and among them the LoRA adapters' own, the total, the bytes of its input/time/output
/// projection weights as exported (float32 for the original), and how far each quantised projection moved.
/// </summary>
public sealed record QeCdlmResult(QeCdlmVariant Variant, TrainedModel<Models.DiffusionLM> Trained, IReadOnlyList<(int Step, double Loss)> Validation,
    long TrainableParameters, long AdapterParameters, long TotalParameters, long ProjectionBytes, long FloatProjectionBytes,
    IReadOnlyList<WeightMovement> QuantisedMovement)
{
    public double TrainableShare => (double)TrainableParameters / TotalParameters;
}

/// <summary>How far one quantised projection moved in fine-tuning: ‖W − W₀‖/‖W₀‖ of its float weights and the share of
/// its quantised values q(W) that differ from q(W₀).</summary>
public sealed record WeightMovement(string Layer, double RelativeChange, double QuantisedValuesChanged);
