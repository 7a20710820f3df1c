using Torch;
using Torch.Nn;

namespace TextDiffusion.Discrete;

/// <summary>
/// MDLM (Sahoo et al., 2024), EDLM's base model: a bidirectional transformer over x_t ∈ {0..V−1, MASK}^L
/// with SUBS logits, trained on the continuous-time NELBO of <see cref="MaskedDiffusion"/>:
/// L = E_{t~U(0,1)} [ (−α'_t / (1 − α_t)) Σ_{ℓ: x_t^ℓ = MASK} −log p_θ(x0^ℓ | x_t) ].
/// </summary>
public sealed class MaskedDiffusionLM : Module
{
    readonly Linear output;

    public MaskedDiffusionLMConfig Config { get; }
    public MaskedDiffusion Process { get; }
    public MaskedTransformer Backbone { get; }

    public MaskedDiffusionLM(MaskedDiffusionLMConfig config)
    {
        Config = config;
        Process = new MaskedDiffusion(config.VocabSize, config.ScheduleEps, config.TimeEps);
        Backbone = Register("backbone", new MaskedTransformer(config.VocabSize + 1, config.SequenceLength, config.ModelDim,
            config.Layers, config.Heads, config.FeedForwardDim, config.Dropout));
        output = Register("output", new Linear(config.ModelDim, config.VocabSize + 1));
    }

    /// <summary>Raw logits [B, L, V+1] for x_t [B, L].</summary>
    public Tensor Logits(Tensor xt) => torch.Scoped(() => output.Forward(Backbone.Forward(xt)));

    /// <summary>log p_θ(x0 | x_t) [B, L, V+1] in the SUBS parameterisation.</summary>
    public Tensor LogProbs(Tensor xt) => torch.Scoped(() => SubsParameterization.Apply(Logits(xt), xt, Process.MaskId));

    /// <summary>
    /// The training loss for ids [B, L]: the NELBO per token, (1/(B·L)) Σ_b (−α'_t/(1 − α_t)) Σ_{masked ℓ} −log p_θ(x0^ℓ | x_t),
    /// with antithetic t over the batch.
    /// </summary>
    public Tensor Loss(Tensor ids, Generator? generator = null) => torch.Scoped(() =>
    {
        var t = Process.SampleTimes((int)ids.Size(0), generator);
        var xt = Process.QSample(ids, t, generator);
        return Process.NelboTerms(LogProbs(xt), ids, xt, t).Sum() / (double)ids.NumEl; // NELBO per token
    });

    /// <summary>
    /// A Monte-Carlo estimate of the NELBO of ids [B, L] with <paramref name="samples"/> stratified times per
    /// sequence (t_j = ε + (1 − ε)(j + u)/samples): the summed nats and the token count. The per-token bound
    /// gives PPL ≤ exp(nats/tokens) and, on characters, BPC ≤ nats/(tokens·ln 2).
    /// </summary>
    public (double Nats, long Tokens) Nelbo(Tensor ids, int samples, Generator generator) =>
        (NelboPerSequence(ids, samples, generator).Sum(), ids.NumEl);

    /// <summary>
    /// The same estimate per sequence: each row's NELBO in nats, averaged over its <paramref name="samples"/> stratified
    /// times (the draws are those of <see cref="Nelbo"/>). Rows are independent estimates, so a bootstrap over them
    /// carries both the choice of sequences and the Monte-Carlo noise of t.
    /// </summary>
    public double[] NelboPerSequence(Tensor ids, int samples, Generator generator) =>
        Stratified(ids, samples, generator, (xt, t) => Process.NelboTerms(LogProbs(xt), ids, xt, t).To(DType.Float64).ToArray<double>());

    /// <summary>
    /// EDLM's NELBO per sequence as the authors' code estimates it (MinkaiXu/Energy-Diffusion-LLM, diffusion.py,
    /// <c>EBM._forward_pass_diffusion</c> in its <c>ppl_eval</c> mode): the stratified estimate of <see cref="NelboPerSequence"/>
    /// with the residual model's sequence-level log p(x0 | x_t) = log p_θ(x0 | x_t) − E(x0, x_t) − log Z(x_t) in place of
    /// the factorised one. With <paramref name="estimatePartition"/> (the NCE energy) log Z is the code's one-sample plug-in
    /// −E(x̃, x_t), x̃ ~ p_θ(· | x_t); by Jensen it is below log Z on average, so the estimate leans low. Without it log Z = 0:
    /// right for the AR energy with carry-over, whose p_θ·exp(−E) = Π_{masked ℓ} p_AR(x0^ℓ | x0^{&lt;ℓ}) sums to 1 over the
    /// masked tokens, so that estimate is the AR model's NLL in expectation over t. The code puts this joint log-probability
    /// under MDLM's per-token weight, which the NELBO's derivation gives for a factorised denoiser only: for EDLM the
    /// estimate is not shown to be a bound. The energy is called one row at a time, each at its own t.
    /// </summary>
    public double[] EnergyNelboPerSequence(Tensor ids, EnergyFunction energy, bool estimatePartition, int samples, Generator generator) =>
        Stratified(ids, samples, generator, (xt, t) =>
        {
            var logProbs = LogProbs(xt);
            var logTheta = Process.MaskedLogLikelihood(logProbs, ids, xt);                           // log p_θ(x0 | x_t)
            var negatives = estimatePartition ? EnergySampler.DrawCandidates(logProbs, 1, generator) : null;   // x̃ ~ p_θ(· | x_t)
            var theta = logTheta.To(DType.Float64).ToArray<double>();
            var nats = new double[t.Length];
            for (int r = 0; r < t.Length; r++)
            {
                using var row = torch.NewDisposeScope();
                Tensor Of(Tensor x) => x.Slice(0, r, r + 1);
                double e = energy(Of(ids), Of(xt), Of(logTheta), t[r]).To(DType.Float64).Item();
                double logZ = negatives is null ? 0
                    : -energy(Of(negatives), Of(xt), EnergySampler.LogProposal(Of(logProbs), Of(negatives), 1), t[r]).To(DType.Float64).Item();
                nats[r] = -Process.Weight(t[r]) * (theta[r] - e - logZ);                            // −w(t)·[log p_θ(x0 | x_t) − E − log Ẑ]
            }
            return nats;
        });

    /// <summary>
    /// Σ over <paramref name="samples"/> stratified times per row (t_j = ε + (1 − ε)(j + u)/samples, u per row) of a
    /// per-row term at x_t ~ q(x_t | x0), averaged: each row's Monte-Carlo estimate, in eval mode without gradients.
    /// </summary>
    double[] Stratified(Tensor ids, int samples, Generator generator, Func<Tensor, double[], double[]> termsAt)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            int b = (int)ids.Size(0);
            double eps = Process.TimeEps;
            using var offsets = torch.Rand([b], DType.Float64, generator: generator);
            var u = offsets.ToArray<double>();
            var nats = new double[b];
            for (int j = 0; j < samples; j++)
            {
                using var scope = torch.NewDisposeScope();
                var t = u.Select(ui => eps + (1 - eps) * (j + ui) / samples).ToArray();
                var xt = Process.QSample(ids, t, generator);
                var perRow = termsAt(xt, t);                                                            // each row's term at its t_j
                for (int r = 0; r < b; r++)
                    nats[r] += perRow[r] / samples;
            }
            return nats;
        }
        finally
        {
            Train(wasTraining);
        }
    }

    /// <summary>The network as a sampler's denoiser (eval mode is the caller's choice).</summary>
    public MaskedDenoiser Denoiser => LogProbs;

    /// <summary>MDLM samples: <paramref name="count"/> sequences of the model's length in <paramref name="steps"/> steps, with or without caching.</summary>
    public MaskedSample Sample(int count, int steps, Generator generator, bool cache = true) =>
        InEval(sampler => sampler.Sample(count, Config.SequenceLength, steps, generator, cache, device: output.Weight.Device));

    /// <summary>MDLM samples in the sampler's N → ∞ limit: one token revealed per step (<see cref="MaskedSampler.SampleOneByOne"/>).</summary>
    public MaskedSample SampleOneByOne(int count, Generator generator) =>
        InEval(sampler => sampler.SampleOneByOne(count, Config.SequenceLength, generator, output.Weight.Device));

    MaskedSample InEval(Func<MaskedSampler, MaskedSample> draw)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            return draw(new MaskedSampler(Process, Denoiser));
        }
        finally
        {
            Train(wasTraining);
        }
    }
}
