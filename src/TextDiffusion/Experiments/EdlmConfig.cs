namespace TextDiffusion.Experiments;

/// <summary>
/// One EDLM reproduction (papers.md §3) at one scale. <see cref="For"/> gives the three profiles:
/// smoke (seconds: the code path runs), cpu (about 2.5 hours on 2 cores from scratch: small models on WikiText-2 BPE
/// blocks and text8-normalised characters; MDLM trains 10,000 steps (about 37 minutes; at 2,000 its samples did not
/// improve with more sampling steps), the AR model as many (about 32 minutes; at 800 steps it was a worse model of the
/// text than MDLM, held-out PPL 86.5 against MDLM's ≤ 56, so as an energy it made MDLM's samples worse), and the judge
/// 12,000 (about 55 minutes), so that it stays the larger model trained longer) and paper (the paper's sizes:
/// 12 × 768 DiT-sized models, length 1024, 256–2048 steps; needs a GPU and the paper's corpora).
/// </summary>
/// <param name="Profile">The profile's name.</param>
/// <param name="SequenceLength">Tokens per block (the paper: 1024 GPT-2 tokens of OpenWebText).</param>
/// <param name="BpeMerges">BPE merges learned on the token corpus (the vocabulary is about this plus the alphabet).</param>
/// <param name="CorpusLines">At most this many corpus lines are read (null: all).</param>
/// <param name="ModelDim">Width of the diffusion model, the AR baseline / AR energy and the NCE energy (same size, as in the paper).</param>
/// <param name="JudgeModelDim">Width of the judge LM (larger, trained longer), the stand-in for GPT-2 large.</param>
/// <param name="DiffusionSteps">Training steps of MDLM (masked diffusion learns more slowly per step than AR).</param>
/// <param name="ArSteps">Training steps of the AR baseline (= the AR energy).</param>
/// <param name="JudgeSteps">Training steps of the judge.</param>
/// <param name="NceSteps">Fine-tuning steps of the NCE energy (diffusion model frozen).</param>
/// <param name="SamplingSteps">
/// Denoising step counts of the generative-perplexity table (the paper: 256, 512, 1024, 2048 for 1024 tokens; the
/// table shows the paper's value beside ours at the same steps per token).
/// </param>
/// <param name="SampleCount">Samples per table cell.</param>
/// <param name="Candidates">k of the importance sampler in the main table and the speed-up (the paper: 2).</param>
/// <param name="TableWindow">w of the main table (1 = importance sampling at every step).</param>
/// <param name="SpeedWindow">w of the speed-up comparison (the paper: 0.2).</param>
/// <param name="AblationSteps">The step count at which k and w are ablated.</param>
/// <param name="AblationCandidates">k values of the ablation (at w = <see cref="SpeedWindow"/>).</param>
/// <param name="AblationWindows">w values of the ablation (at k = <see cref="Candidates"/>).</param>
/// <param name="NelboSamples">Times t per sequence in the NELBO estimate.</param>
/// <param name="EvalBlocks">Held-out blocks used for likelihoods.</param>
/// <param name="CharSequenceLength">Characters per block of the BPC table (the paper: text8, 256).</param>
/// <param name="CharSteps">Training steps of the character-level MDLM and AR models.</param>
public sealed record EdlmConfig(
    string Profile,
    int SequenceLength,
    int BpeMerges,
    int? CorpusLines,
    int ModelDim,
    int Layers,
    int Heads,
    int JudgeModelDim,
    int JudgeLayers,
    int DiffusionSteps,
    int ArSteps,
    int JudgeSteps,
    int NceSteps,
    int BatchSize,
    double LearningRate,
    int[] SamplingSteps,
    int SampleCount,
    int Candidates,
    double TableWindow,
    double SpeedWindow,
    int AblationSteps,
    int[] AblationCandidates,
    double[] AblationWindows,
    int NelboSamples,
    int EvalBlocks,
    int CharSequenceLength,
    int CharSteps,
    double Dropout = 0.1,
    double HeldOutFraction = 0.1,
    ulong Seed = 0)
{
    public int FeedForwardDim => 4 * ModelDim;
    public int JudgeFeedForwardDim => 4 * JudgeModelDim;

    public static EdlmConfig Smoke { get; } = new(
        "smoke", SequenceLength: 16, BpeMerges: 150, CorpusLines: 1500, ModelDim: 32, Layers: 1, Heads: 2,
        JudgeModelDim: 32, JudgeLayers: 1, DiffusionSteps: 20, ArSteps: 20, JudgeSteps: 20, NceSteps: 10, BatchSize: 8, LearningRate: 1e-3,
        SamplingSteps: [4, 8], SampleCount: 4, Candidates: 2, TableWindow: 1.0, SpeedWindow: 0.2,
        AblationSteps: 4, AblationCandidates: [1, 2], AblationWindows: [0, 0.5], NelboSamples: 2, EvalBlocks: 8,
        CharSequenceLength: 32, CharSteps: 20, Dropout: 0);

    public static EdlmConfig Cpu { get; } = new(
        "cpu", SequenceLength: 64, BpeMerges: 500, CorpusLines: null, ModelDim: 128, Layers: 3, Heads: 4,
        JudgeModelDim: 160, JudgeLayers: 4, DiffusionSteps: 10_000, ArSteps: 10_000, JudgeSteps: 12_000, NceSteps: 500, BatchSize: 32, LearningRate: 1e-3,
        SamplingSteps: [8, 16, 32, 64, 128], SampleCount: 64, Candidates: 2, TableWindow: 1.0, SpeedWindow: 0.2,
        AblationSteps: 16, AblationCandidates: [1, 2, 4, 8, 16], AblationWindows: [0, 0.1, 0.2, 0.5, 1.0], NelboSamples: 4, EvalBlocks: 128,
        CharSequenceLength: 64, CharSteps: 1000);

    public static EdlmConfig Paper { get; } = new(
        "paper", SequenceLength: 1024, BpeMerges: 50_000, CorpusLines: null, ModelDim: 768, Layers: 12, Heads: 12,
        JudgeModelDim: 1280, JudgeLayers: 36, DiffusionSteps: 1_000_000, ArSteps: 1_000_000, JudgeSteps: 1_000_000, NceSteps: 100_000, BatchSize: 512, LearningRate: 3e-4,
        SamplingSteps: [256, 512, 1024, 2048], SampleCount: 128, Candidates: 2, TableWindow: 1.0, SpeedWindow: 0.2,
        AblationSteps: 1024, AblationCandidates: [1, 2, 4, 8, 16], AblationWindows: [0, 0.1, 0.2, 0.5, 1.0], NelboSamples: 32, EvalBlocks: 2048,
        CharSequenceLength: 256, CharSteps: 1_000_000);

    /// <summary>The configuration of a profile by name ("smoke", "cpu", "paper").</summary>
    public static EdlmConfig For(string profile) => profile.Trim().ToLowerInvariant() switch
    {
        "smoke" => Smoke,
        "cpu" => Cpu,
        "paper" => Paper,
        _ => throw new ArgumentException($"unknown profile '{profile}': smoke, cpu or paper", nameof(profile)),
    };
}
