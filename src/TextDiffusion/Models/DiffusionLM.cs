using Torch;
using Torch.Nn;
using TextDiffusion.Diffusion;

namespace TextDiffusion.Models;

/// <summary>
/// Diffusion-LM (Li et al., 2022): Gaussian diffusion on learned word embeddings.
/// Embedding step x0 ~ N(EMB(w), σ0²I); the network predicts x0 (or ε) from x_t; rounding
/// p(w | x0) = Π_i softmax(x0_i·EMBᵀ); sampling can clamp x̂0 to the nearest word vector.
/// </summary>
public sealed class DiffusionLM : Module
{
    readonly Embedding words;

    public DiffusionLMConfig Config { get; }
    public TransformerDenoiser Denoiser { get; }
    public GaussianDiffusion Diffusion { get; }
    public TimestepSampler Timesteps { get; }

    public DiffusionLM(DiffusionLMConfig config)
    {
        if (config.SelfCondition && config.Parameterization != Parameterization.X0)
            throw new ArgumentException("self-conditioning is implemented for x0-prediction only", nameof(config));
        Config = config;
        words = Register("words", new Embedding(config.VocabSize, config.EmbeddingDim));
        if (!config.LearnedEmbeddings) words.Weight.RequiresGrad = false; // the "random frozen" ablation
        Denoiser = Register("denoiser", new TransformerDenoiser(config.Denoiser));
        Diffusion = GaussianDiffusion.Create(config.Schedule, config.DiffusionSteps);
        Timesteps = new TimestepSampler(config.DiffusionSteps, config.LossAwareTimesteps);
    }

    /// <summary>The word embedding matrix EMB ∈ R^{V×d}.</summary>
    public Tensor Embeddings => words.Weight;

    public Tensor Embed(Tensor ids) => words.Forward(ids);

    /// <summary>Rounding logits x·EMBᵀ [B, L, V]: p(w_i | x_i) = softmax of these.</summary>
    public Tensor RoundingLogits(Tensor x) => F.Linear(x, words.Weight);

    /// <summary>
    /// The end-to-end objective for ids [B, L] (x0-parameterisation shown; ε analogous):
    /// L = ‖f(x_t, t) − x0‖² (at t = 0: ‖f(x_1, 1) − EMB(w)‖²) + ‖√ᾱ_T·x0‖² − log p(w | x0).
    /// Returns the mean loss (with importance weights), the per-example losses and their timesteps;
    /// in training mode the loss-aware timestep sampler learns from them.
    /// </summary>
    public (Tensor Loss, Tensor PerExample, Tensor T) Loss(Tensor ids, Generator? generator = null) => torch.Scoped(() =>
    {
        var d = Diffusion;
        long b = ids.Size(0);
        var emb = Embed(ids);                                                                        // EMB(w)
        var x0 = emb + torch.Randn(emb.Shape, device: ids.Device, generator: generator) * torch.Scalar(Math.Sqrt(1 - d.AlphaBar[0]), device: ids.Device); // x0 ~ N(EMB(w), σ0²I)
        var (t, weights) = Timesteps.Sample((int)b, ids.Device, generator);
        var noise = torch.Randn(x0.Shape, device: ids.Device, generator: generator);
        var xt = d.QSample(x0, t, noise);                                                            // x_t ~ q(x_t | x0)
        bool predictsX0 = Config.Parameterization == Parameterization.X0;
        var f = Denoiser.Forward(xt, t, null, SelfConditioningEstimate(xt, t, predictsX0, generator)); // f(x_t, t): x̂0 or ε̂
        var x0Hat = predictsX0 ? f : d.PredictX0FromEps(xt, t, f);

        var mse = torch.Where(t.Eq(0), MeanFlat(emb, x0Hat), MeanFlat(predictsX0 ? x0 : noise, f));  // ‖f(x_t, t) − x0‖², at t = 0 ‖f(x_1, 1) − EMB(w)‖²
        var prior = d.QMeanVariance(x0, torch.Full([b], d.Steps - 1, DType.Int64, ids.Device)).Mean.Pow(2).Mean([1, 2]); // ‖√ᾱ_T·x0‖²
        var rounding = F.CrossEntropy(RoundingLogits(x0).Reshape(-1, Config.VocabSize), ids.Reshape(-1), reduction: Reduction.None)
            .Reshape(b, -1).Mean(1);                                                                 // −log p(w | x0)
        var perExample = mse + prior + rounding;

        if (Training && Timesteps.LossAware)
            Timesteps.Update(t.ToArray<long>(), perExample.Detach().To(DType.Float64).ToArray<double>());
        return ((perExample * weights).Mean(), perExample, t);
    });

    // Self-conditioning in training: on half the batches a first pass without gradient gives x̂0_prev.
    Tensor? SelfConditioningEstimate(Tensor xt, Tensor t, bool predictsX0, Generator? generator)
    {
        if (!Config.SelfCondition || !predictsX0) return null;
        using (var coin = torch.Rand([1], generator: generator))
            if (coin.Item() >= 0.5) return null;
        using var noGrad = torch.NoGrad();
        return Denoiser.Forward(xt, t);
    }

    // ‖a − b‖² per example, averaged over positions and dimensions (its intermediate lives in the caller's dispose scope).
    static Tensor MeanFlat(Tensor a, Tensor b) => (a - b).Pow(2).Mean([1, 2]);

    /// <summary>Nearest word vector of each x_i (Euclidean), as ids [B, L].</summary>
    public Tensor Round(Tensor x) => torch.Scoped(() =>
    {
        // ‖x − e‖² = ‖x‖² − 2x·e + ‖e‖²; ‖x‖² is constant per position, so argmin of (‖e‖² − 2x·e).
        var e = words.Weight.Detach();
        var eNorm = e.Pow(2).Sum(1);
        var score = eNorm - 2.0 * F.Linear(x, e);
        return score.ArgMin(-1);
    });

    /// <summary>The clamping trick: replace each x̂0_i by its nearest word vector.</summary>
    public Tensor Clamp(Tensor x0) =>
        torch.Scoped(() => F.Embedding(Round(x0), words.Weight.Detach())); // x̂0_i ← E[argmin_w ‖x̂0_i − E_w‖]

    /// <summary>A sampler over <paramref name="steps"/> respaced steps (2000 → 200 as in the paper).</summary>
    /// <remarks>A self-conditioned network reads the sampler's previous x̂0; the others ignore it.</remarks>
    public Sampler CreateSampler(int steps, Tensor? padding = null) =>
        new(steps == Diffusion.Steps ? Diffusion : Diffusion.Respace(steps),
            (xt, modelTime, previousX0) => Denoiser.Forward(xt, modelTime, padding, previousX0), Config.Parameterization);

    /// <summary>Draws <paramref name="count"/> sequences with <paramref name="steps"/> denoising steps, rounded to ids [count, L].</summary>
    public Tensor Sample(int count, int steps, Generator generator, bool clamp = true, SamplingOptions? options = null)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            options ??= new SamplingOptions();
            if (clamp) options = options with { DenoisedFn = (x0, _) => Clamp(x0) };
            var device = words.Weight.Device;
            using var x = CreateSampler(steps).Sample([count, Config.SequenceLength, Config.EmbeddingDim], generator, options, device);
            return Round(x);
        }
        finally
        {
            Train(wasTraining);
        }
    }
}
