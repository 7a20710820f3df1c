using TextDiffusion.Diffusion;
using TextDiffusion.Seq2Seq;

namespace TextDiffusion.Experiments;

/// <summary>
/// The sizes of one Difformer reproduction run (papers.md §2), per <see cref="Profile"/>:
/// <see cref="Smoke"/> runs in seconds (its trainings also capped by <see cref="MaxTrainSeconds"/>), <see cref="Cpu"/> in hours on 2 cores, <see cref="Paper"/> uses the paper's IWSLT14 model and
/// schedule. Test-set sizes cap how many sentences are decoded (null: all).
/// </summary>
public sealed record DifformerProfile(
    string Name,
    int BpeMerges,
    int? TrainPairs,
    int? TestPairs,
    int? IwsltTestPairs,
    int? AblationTestPairs,
    int? GigawordTrainPairs,
    int? GigawordTestPairs,
    int LatentDim,
    int ModelDim,
    int Layers,
    int Heads,
    int FeedForwardDim,
    double Dropout,
    bool NormFirst,
    int MaxLength,
    int BatchSize,
    double LearningRate,
    int WarmupSteps,
    int Steps,
    int AblationSteps,
    int GigawordSteps,
    double? MaxTrainSeconds,
    DecodingOptions Decoding,
    int ArBeam,
    int DecodeBatchSize,
    int ProbeEvery,
    int DistanceTokens,
    ulong Seed = 1)
{
    /// <summary>Seconds: a few dozen steps of tiny models on slices of the data; checks that everything runs.</summary>
    public static DifformerProfile Smoke { get; } = new("smoke", BpeMerges: 400, TrainPairs: 1000, TestPairs: 16, IwsltTestPairs: 8,
        AblationTestPairs: 8, GigawordTrainPairs: 500, GigawordTestPairs: 8, LatentDim: 16, ModelDim: 32, Layers: 1, Heads: 2,
        FeedForwardDim: 64, Dropout: 0.1, NormFirst: true, MaxLength: 48, BatchSize: 16, LearningRate: 1e-3, WarmupSteps: 10, Steps: 20,
        AblationSteps: 20, GigawordSteps: 10, MaxTrainSeconds: 30, Decoding: new DecodingOptions(Steps: 4, LengthBeam: 2, NoiseBeam: 2),
        ArBeam: 2, DecodeBatchSize: 16, ProbeEvery: 5, DistanceTokens: 50);

    /// <summary>
    /// A small transformer trained for about nine epochs of Multi30k (4,000 steps of 64 pairs): 3+3 layers, 128 wide
    /// (latent 64), FFN 512, 3 × 2 candidates at 20 steps. The ablation's models train 1,500 steps and Gigaword's 2,000. No
    /// wall-clock cap: every model trains its full budget, checkpointing every 250 steps, so the notebook's several hours
    /// of training can span sessions (a rerun resumes each model where it stopped). The previous `cpu` profile (2+2 × 64,
    /// 500 steps, about one epoch) reached 14 BLEU with the AR model.
    /// </summary>
    public static DifformerProfile Cpu { get; } = new("cpu", BpeMerges: 4000, TrainPairs: null, TestPairs: null, IwsltTestPairs: 150,
        AblationTestPairs: 200, GigawordTrainPairs: null, GigawordTestPairs: 200, LatentDim: 64, ModelDim: 128, Layers: 3, Heads: 4,
        FeedForwardDim: 512, Dropout: 0.1, NormFirst: true, MaxLength: 64, BatchSize: 64, LearningRate: 2e-3, WarmupSteps: 400, Steps: 4000,
        AblationSteps: 1500, GigawordSteps: 2000, MaxTrainSeconds: null, Decoding: new DecodingOptions(Steps: 20, LengthBeam: 3, NoiseBeam: 2),
        ArBeam: 4, DecodeBatchSize: 50, ProbeEvery: 100, DistanceTokens: 500);

    /// <summary>
    /// The paper's IWSLT14 setting: latent 128, model 512, 6+6 layers, FFN 1024, 4 heads, dropout 0.3, post-norm,
    /// lr 5e-4 with 10K warm-up (inverse sqrt), 300K updates, 7 × 3 candidates at 20 steps; joint BPE of 10K merges.
    /// The batch is 256 pairs (the public script uses 8,000 tokens).
    /// </summary>
    public static DifformerProfile Paper { get; } = new("paper", BpeMerges: 10000, TrainPairs: null, TestPairs: null, IwsltTestPairs: null,
        AblationTestPairs: null, GigawordTrainPairs: null, GigawordTestPairs: null, LatentDim: 128, ModelDim: 512, Layers: 6, Heads: 4,
        FeedForwardDim: 1024, Dropout: 0.3, NormFirst: false, MaxLength: 256, BatchSize: 256, LearningRate: 5e-4, WarmupSteps: 10000,
        Steps: 300_000, AblationSteps: 300_000, GigawordSteps: 300_000, MaxTrainSeconds: null, Decoding: new DecodingOptions(),
        ArBeam: 5, DecodeBatchSize: 100, ProbeEvery: 1000, DistanceTokens: 1000);

    /// <summary>The profile of the given name (TD_PROFILE).</summary>
    public static DifformerProfile For(Profile profile) => profile.Pick(Smoke, Cpu, Paper);

    /// <summary>A Difformer of this profile's size with the given modules (T = 2000, sqrt schedule).</summary>
    public DifformerConfig Difformer(int vocabSize, DifformerModules modules) =>
        new(vocabSize, LatentDim, ModelDim, Layers, Layers, Heads, FeedForwardDim, Dropout, MaxLength, MaxLength, ScheduleKind.Sqrt, 2000,
            NormFirst: NormFirst) { Modules = modules };

    /// <summary>The autoregressive baseline of the same width and depth.</summary>
    public TranslatorConfig Translator(int vocabSize) =>
        new(vocabSize, ModelDim, Layers, Layers, Heads, FeedForwardDim, Dropout, MaxLength, MaxLength, NormFirst: NormFirst);
}
