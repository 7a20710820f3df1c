namespace TextDiffusion.Experiments;

/// <summary>
/// Budgets of the QE-CDLM fine-tuning comparison (notebook 05) per profile; every variant gets the same.
/// Control success is measured on <see cref="ControlTargets"/> targets per task with <see cref="ControlSamples"/>
/// plug-and-play sample(s) each, every sample scored (as the reference's <c>eval_control.py</c>). In <c>cpu</c>:
/// 40 targets × 1 sample, the same targets as notebook 02's Table 2, so a control comparison has ±8–15 % intervals
/// instead of the ±25–33 % of 6 targets; one sample per target keeps the nine LoRA variants' control runs near
/// 5 min each on two cores.
/// </summary>
public sealed record QeCdlmSettings(int FineTuneSteps, int ValidationRows, int Samples, int ControlTargets, int ControlSamples, double LearningRate,
    int LoRARank = 8, double LoRAAlpha = 16)
{
    public static QeCdlmSettings For(Profile profile) => profile.Pick(
        smoke: new QeCdlmSettings(FineTuneSteps: 10, ValidationRows: 16, Samples: 8, ControlTargets: 2, ControlSamples: 1, LearningRate: 1e-3),
        cpu: new QeCdlmSettings(FineTuneSteps: 600, ValidationRows: 256, Samples: 100, ControlTargets: 40, ControlSamples: 1, LearningRate: 1e-3),
        paper: new QeCdlmSettings(FineTuneSteps: 20_000, ValidationRows: 1000, Samples: 1000, ControlTargets: 200, ControlSamples: 4, LearningRate: 1e-4));
}
