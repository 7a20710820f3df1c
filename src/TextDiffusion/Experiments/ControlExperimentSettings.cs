using TextDiffusion.Control;

namespace TextDiffusion.Experiments;

/// <summary>
/// Budgets of the controllable-generation experiments (notebook 02) per profile. The Diffusion-LM
/// itself is sized by <see cref="DiffusionLmSettings"/>; these are the classifiers, the targets,
/// the sampler and the autoregressive baselines. <see cref="AnalysedSentences"/> caps how many training
/// sentences the oracles tag and parse (about 25 ms each) for the classifiers and baselines.
/// FUDGE rescores its base LM's top <see cref="FudgePreconditionTopK"/> words and samples among the best
/// <see cref="FudgeTopK"/>; the authors use 200 and 10. Each rescored word costs a discriminator pass over the
/// whole prefix, so `cpu` rescores 50: measured on 20 targets, 200 words took 4.3–4.6 min per task and moved
/// success within noise of rescoring 10 (semantic 0 % against 5.0 %, POS 15.3 ± 4.7 % against 12.6 ± 2.4 %).
/// Diffusion-LM draws <see cref="SamplesPerTarget"/> samples per target; the reference's <c>eval_control.py</c> scores every
/// sample, and `cpu` draws one per target (40 targets), so every sample is scored; with more, the MBR choice is the output.
/// </summary>
public sealed record ControlExperimentSettings(
    int ClassifierSteps,
    int ClassifierBatch,
    int Targets,
    int SamplesPerTarget,
    int SampleSteps,
    int BaselineSteps,
    int BaselineBatch,
    int PromptedLength,
    int FudgeTopK,
    int FudgePreconditionTopK,
    int SamplingBatch,
    int SweepTargets,
    int AnalysedSentences,
    int HeldOutSentences,
    double ClassifierLearningRate = 1e-3,
    double BaselineLearningRate = 1e-3)
{
    /// <summary>The paper's fluency weight λ per task (papers.md §1).</summary>
    public static IReadOnlyDictionary<ControlTask, double> PaperLambda { get; } = new Dictionary<ControlTask, double>
    {
        [ControlTask.Semantic] = 0.01, [ControlTask.Pos] = 1e-4, [ControlTask.Tree] = 5e-4, [ControlTask.Spans] = 0.1, [ControlTask.Length] = 0.01,
    };

    IReadOnlyDictionary<ControlTask, double> lambda = PaperLambda;

    /// <summary>The fluency weight λ per task that Table 2 and composition use: the paper's in every profile (the fluency
    /// term follows the reference's λ·Σ(μ − x)²/σ, so the paper's λ mean here what they meant there); a notebook cell may
    /// set others with <c>c with { Lambda = … }</c>.</summary>
    public IReadOnlyDictionary<ControlTask, double> Lambda { init => lambda = value; }

    /// <summary>This profile's λ for <paramref name="task"/>.</summary>
    public double LambdaFor(ControlTask task) => lambda[task];

    /// <summary>The λ values of the success-versus-λ sweep.</summary>
    public static IReadOnlyList<double> LambdaSweep { get; } = [0, 1e-4, 1e-3, 1e-2, 1e-1, 1];

    public static ControlExperimentSettings For(Profile profile) => profile.Pick(
        smoke: new ControlExperimentSettings(ClassifierSteps: 10, ClassifierBatch: 8, Targets: 3, SamplesPerTarget: 2, SampleSteps: 10,
            BaselineSteps: 10, BaselineBatch: 8, PromptedLength: 160, FudgeTopK: 5, FudgePreconditionTopK: 20, SamplingBatch: 16, SweepTargets: 2,
            AnalysedSentences: 150, HeldOutSentences: 20),
        cpu: new ControlExperimentSettings(ClassifierSteps: 1000, ClassifierBatch: 64, Targets: 40, SamplesPerTarget: 1, SampleSteps: 200,
            BaselineSteps: 2000, BaselineBatch: 64, PromptedLength: 160, FudgeTopK: 10, FudgePreconditionTopK: 50, SamplingBatch: 80, SweepTargets: 40,
            AnalysedSentences: int.MaxValue, HeldOutSentences: 300),
        paper: new ControlExperimentSettings(ClassifierSteps: 20_000, ClassifierBatch: 64, Targets: 200, SamplesPerTarget: 10, SampleSteps: 200,
            BaselineSteps: 50_000, BaselineBatch: 64, PromptedLength: 256, FudgeTopK: 10, FudgePreconditionTopK: 200, SamplingBatch: 100, SweepTargets: 50,
            AnalysedSentences: int.MaxValue, HeldOutSentences: 1000,
            ClassifierLearningRate: 1e-4, BaselineLearningRate: 1e-4));
}
