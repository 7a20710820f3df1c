namespace TextDiffusion.Experiments;

/// <summary>
/// Sizes and budgets of the Diffusion-LM experiments on E2E, per profile. `paper` is the paper's
/// setting (BERT-base denoiser, 200K steps, batch 64); `cpu` is what a 2-core machine finishes in
/// well under an hour for the whole ablation notebook; `smoke` only checks that the code runs.
/// </summary>
public sealed record DiffusionLmSettings(
    int SequenceLength,
    int MinCount,
    int ModelDim,
    int Layers,
    int Steps,
    int BatchSize,
    double LearningRate,
    int DiffusionSteps,
    int SampleSteps,
    int FewSampleSteps,
    int Samples,
    int TeacherDim,
    int TeacherLayers,
    int TeacherSteps,
    int Seeds = 1)
{
    public static DiffusionLmSettings For(Profile profile) => profile.Pick(
        smoke: new DiffusionLmSettings(SequenceLength: 64, MinCount: 3, ModelDim: 32, Layers: 1, Steps: 20, BatchSize: 16,
            LearningRate: 1e-3, DiffusionSteps: 100, SampleSteps: 10, FewSampleSteps: 5, Samples: 8,
            TeacherDim: 32, TeacherLayers: 1, TeacherSteps: 20),
        // 1,200 steps of this model (measured on shared cores) still give word salad; 4,000 is the budget
        // for a dedicated cpu run of the whole ablation notebook (7 Diffusion-LM trainings).
        cpu: new DiffusionLmSettings(SequenceLength: 64, MinCount: 3, ModelDim: 128, Layers: 2, Steps: 4000, BatchSize: 64,
            LearningRate: 1e-3, DiffusionSteps: 2000, SampleSteps: 200, FewSampleSteps: 50, Samples: 100,
            TeacherDim: 128, TeacherLayers: 2, TeacherSteps: 1500),
        paper: new DiffusionLmSettings(SequenceLength: 64, MinCount: 11, ModelDim: 768, Layers: 12, Steps: 200_000, BatchSize: 64,
            LearningRate: 1e-4, DiffusionSteps: 2000, SampleSteps: 200, FewSampleSteps: 50, Samples: 1000,
            TeacherDim: 768, TeacherLayers: 12, TeacherSteps: 100_000));
}
