namespace TextDiffusion.Experiments;

/// <summary>
/// Sizes and budgets of the Diffusion-LM experiments on E2E, per profile. `paper` is the paper's
/// setting (BERT-base denoiser, 200K steps, batch 64, dropout 0.1); `cpu` is what a 2-core machine
/// finishes in about two hours for the whole ablation notebook: the main model trains
/// <see cref="Steps"/> steps, each ablation <see cref="AblationSteps"/>; <see cref="SelfCondition"/>
/// (not in the paper) is available for every profile and off by default; `smoke` only checks that the code runs.
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
    int AblationSteps,
    double Dropout = 0.1,
    bool SelfCondition = false,
    int Seeds = 1)
{
    public static DiffusionLmSettings For(Profile profile) => profile.Pick(
        smoke: new DiffusionLmSettings(SequenceLength: 64, MinCount: 3, ModelDim: 32, Layers: 1, Steps: 20, BatchSize: 16,
            LearningRate: 1e-3, DiffusionSteps: 100, SampleSteps: 10, FewSampleSteps: 5, Samples: 8,
            TeacherDim: 32, TeacherLayers: 1, TeacherSteps: 20, AblationSteps: 20),
        // Measured on this machine (notebook 01's status note): 2 layers × 4,000 steps at lr 1e-3 give word
        // salad; 4 layers at lr 3e-3 recover more words at high noise, and no dropout with rows of 48 tokens
        // (99.3% of E2E sentences fit) halves the time per step (0.28 s). The main model's lm-score fell from 885 at
        // 1,200 steps to 14.5 at 5,000, so it trains 14,000 (3,362 s on 2 unshared cores, checkpoints/README.md); each
        // ablation trains 1,200.
        cpu: new DiffusionLmSettings(SequenceLength: 48, MinCount: 3, ModelDim: 128, Layers: 4, Steps: 14_000, BatchSize: 64,
            LearningRate: 3e-3, DiffusionSteps: 2000, SampleSteps: 200, FewSampleSteps: 50, Samples: 100,
            TeacherDim: 128, TeacherLayers: 2, TeacherSteps: 1500, AblationSteps: 1200, Dropout: 0),
        paper: new DiffusionLmSettings(SequenceLength: 64, MinCount: 11, ModelDim: 768, Layers: 12, Steps: 200_000, BatchSize: 64,
            LearningRate: 1e-4, DiffusionSteps: 2000, SampleSteps: 200, FewSampleSteps: 50, Samples: 1000,
            TeacherDim: 768, TeacherLayers: 12, TeacherSteps: 100_000, AblationSteps: 200_000));
}
