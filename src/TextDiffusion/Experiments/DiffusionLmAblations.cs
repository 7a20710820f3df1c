using TextDiffusion.Diffusion;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Training;

namespace TextDiffusion.Experiments;

/// <summary>One of notebook 01's ablations: a change of the paper's recipe, and the paper's claim that the recipe beats it.</summary>
/// <param name="Key">The checkpoint's folder, <c>ablations/&lt;Key&gt;-&lt;steps&gt;</c>, as notebook 01 names it.</param>
public sealed record DiffusionLmAblation(string Key, string Name, DiffusionLMConfig Config, string Claim);

/// <summary>
/// Notebook 01's six ablations (sections 6, 7, 9 and 10) at any training budget, outside the notebook: for
/// <c>td ablate-diffusion-lm</c>, which trains them in parallel processes (on a GPU, at a budget the 2-core `cpu` run cannot
/// afford) and tests the same six claims. The notebook writes each one as its own cell; this list must name the same
/// changes, checkpoints and claims (DiffusionLmAblationTests compares them with the notebook and its claims file).
/// </summary>
public static class DiffusionLmAblations
{
    /// <summary>The paper's recipe for the ablations: the main model's configuration without self-conditioning (not in the paper).</summary>
    public static DiffusionLMConfig PaperRecipe(SentenceCorpus corpus, DiffusionLmSettings s) =>
        DiffusionLmExperiment.Config(corpus, s) with { SelfCondition = false };

    /// <summary>Each ablation: one field of <paramref name="paper"/> changed.</summary>
    public static IReadOnlyList<DiffusionLmAblation> All(DiffusionLMConfig paper) =>
    [
        new("frozen", "random frozen embeddings", paper with { LearnedEmbeddings = false }, "learned embeddings beat random frozen ones"),
        new("epsilon", "ε-prediction", paper with { Parameterization = Parameterization.Epsilon }, "x₀-prediction is much better than ε-prediction"),
        new("linear", "linear schedule", paper with { Schedule = ScheduleKind.Linear }, "the sqrt schedule beats linear"),
        new("cosine", "cosine schedule", paper with { Schedule = ScheduleKind.Cosine }, "the sqrt schedule beats cosine"),
        new("d64", "embedding dim 64", paper with { EmbeddingDim = 64 }, "d = 16 beats d = 64 on E2E"),
        new("d128", "embedding dim 128", paper with { EmbeddingDim = 128 }, "d = 16 beats d = 128 on E2E"),
    ];

    /// <summary>
    /// The checkpoint of the paper's recipe trained <paramref name="steps"/> steps from <paramref name="seed"/>: at the main model's
    /// budget and seed (0) it is the main model itself (<c>diffusion-lm</c>: the same configuration, seed and schedule when
    /// self-conditioning is off), else <c>ablations/reference-&lt;steps&gt;</c>, as notebook 01 names it (with <c>-seed-&lt;seed&gt;</c> for another seed).
    /// </summary>
    public static string ReferenceCheckpoint(DiffusionLmSettings s, int steps, ulong seed = 0) =>
        steps == s.Steps && !s.SelfCondition && seed == 0 ? "diffusion-lm" : $"ablations/reference-{steps}{SeedSuffix(seed)}";

    /// <summary>An ablation's checkpoint at <paramref name="steps"/> steps (and another seed than notebook 01's 0).</summary>
    public static string Checkpoint(DiffusionLmAblation ablation, int steps, ulong seed = 0) => $"ablations/{ablation.Key}-{steps}{SeedSuffix(seed)}";

    static string SeedSuffix(ulong seed) => seed == 0 ? "" : $"-seed-{seed}";

    /// <summary>Each claim as notebook 01 tests it: the paper's recipe has the lower lm-score.</summary>
    public static Claim Compare(DiffusionLmAblation ablation, VariantResult reference, VariantResult ablated) =>
        Claim.Compare(ablation.Claim, "qualitative (lower lm-score)", reference.Quality.LmScore, ablated.Quality.LmScore, Better.Lower);
}
