namespace TextDiffusion.Experiments;

/// <summary>
/// Sizes and budgets of the αNLG infilling experiment, per <see cref="Profile"/>. `paper` is the paper's
/// ROCStories setting (embedding d = 128, BERT-base denoiser, sequence length 64, vocabulary of words seen
/// more than 10 times, 400K steps at batch 64, T = 2000, 200 sampling steps); its AR models are of the same
/// size, and its MBR pool (5 lengths × 10 samples) is our choice, not the paper's. `cpu` trains 1,500 Diffusion-LM
/// steps and 2 × 500 AR steps with no wall-clock cap; notebook 02 checkpoints them, so they train once. Timed in
/// notebook 02's cpu run on 2 cores shared with another run: 2.3–2.6 Diffusion-LM steps/s, 1.5–1.8 AR steps/s, and
/// 167 s to infill 150 dev examples × 6 candidates. Its earlier 420 s cap stopped the Diffusion-LM at 925 steps, and
/// every system's infills were word salad (BLEU below 1). `smoke` only checks that the code runs.
/// <see cref="MaxTrainSeconds"/> caps each training's wall time (null: no cap); a capped run stops early and reports
/// the steps it ran.
/// </summary>
public sealed record InfillingSettings(
    string Name,
    int SequenceLength,
    int MinCount,
    int EmbeddingDim,
    int ModelDim,
    int Layers,
    int Heads,
    int Steps,
    int BatchSize,
    double LearningRate,
    int DiffusionSteps,
    int SampleSteps,
    int CandidateLengths,
    int SamplesPerLength,
    int ArDim,
    int ArLayers,
    int ArSteps,
    double ArLearningRate,
    bool BothSidedAr,
    int? EvalExamples,
    int DecodeBatchSize,
    double? MaxTrainSeconds,
    int ShownExamples = 5)
{
    /// <summary>Candidates per example for every system: lengths × samples.</summary>
    public int Candidates => CandidateLengths * SamplesPerLength;

    public static InfillingSettings For(Profile profile) => profile.Pick(
        smoke: new InfillingSettings("smoke", SequenceLength: 56, MinCount: 3, EmbeddingDim: 16, ModelDim: 32, Layers: 1, Heads: 2, Steps: 20,
            BatchSize: 16, LearningRate: 1e-3, DiffusionSteps: 100, SampleSteps: 10, CandidateLengths: 2, SamplesPerLength: 2,
            ArDim: 32, ArLayers: 1, ArSteps: 20, ArLearningRate: 1e-3, BothSidedAr: true, EvalExamples: 8, DecodeBatchSize: 64,
            MaxTrainSeconds: 60, ShownExamples: 3),
        cpu: new InfillingSettings("cpu", SequenceLength: 56, MinCount: 3, EmbeddingDim: 32, ModelDim: 128, Layers: 2, Heads: 4, Steps: 1500,
            BatchSize: 64, LearningRate: 1e-3, DiffusionSteps: 2000, SampleSteps: 50, CandidateLengths: 3, SamplesPerLength: 2,
            ArDim: 128, ArLayers: 2, ArSteps: 500, ArLearningRate: 1e-3, BothSidedAr: true, EvalExamples: 150, DecodeBatchSize: 100,
            MaxTrainSeconds: null),
        paper: new InfillingSettings("paper", SequenceLength: 64, MinCount: 11, EmbeddingDim: 128, ModelDim: 768, Layers: 12, Heads: 12, Steps: 400_000,
            BatchSize: 64, LearningRate: 1e-4, DiffusionSteps: 2000, SampleSteps: 200, CandidateLengths: 5, SamplesPerLength: 10,
            ArDim: 768, ArLayers: 12, ArSteps: 100_000, ArLearningRate: 1e-4, BothSidedAr: true, EvalExamples: null, DecodeBatchSize: 100,
            MaxTrainSeconds: null));
}
