namespace TextDiffusion.Experiments;

/// <summary>
/// One fine-tuned QE-CDLM variant: the model and its training, the validation-loss curve (step 0 =
/// the pretrained model with the variant's projections), its tunable and total parameters, and the
/// bytes of its input/time/output projection weights as exported (float32 for the original).
/// </summary>
public sealed record QeCdlmResult(QeCdlmVariant Variant, TrainedModel<Models.DiffusionLM> Trained, IReadOnlyList<(int Step, double Loss)> Validation,
    long TrainableParameters, long TotalParameters, long ProjectionBytes, long FloatProjectionBytes)
{
    public double TrainableShare => (double)TrainableParameters / TotalParameters;
}
