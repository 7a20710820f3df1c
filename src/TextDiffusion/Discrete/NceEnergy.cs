using TextDiffusion.Models;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Discrete;

/// <summary>
/// EDLM's learned energy E_φ(x0, x_t, t): a bidirectional transformer initialised from the diffusion
/// backbone (a copy of its state), reading both sequences through h⁰ = W·[TokEmb(x_t); TokEmb(x0)] +
/// TimeMlp(t), mean-pooled and mapped to a scalar by an MLP head. W starts as [0 | I], so at
/// initialisation the trunk sees x0 exactly as the diffusion backbone sees a clean sequence.
/// Trained by binary noise-contrastive estimation with the diffusion model frozen: positives are data
/// x0, negatives x0 ~ p_θ(· | x_t); L = −log σ(−E(x0⁺)) − log σ(E(x0⁻)). At the optimum
/// p_θ(x0 | x_t)·exp(−E) = q(x0 | x_t), the data's denoising posterior.
/// </summary>
public sealed class NceEnergy : Module
{
    readonly Linear pair, time, hidden, energyOut;

    public MaskedTransformer Trunk { get; }
    public long ModelDim { get; }

    public NceEnergy(MaskedDiffusionLMConfig config)
    {
        ModelDim = config.ModelDim;
        Trunk = Register("trunk", new MaskedTransformer(config.VocabSize + 1, config.SequenceLength, config.ModelDim,
            config.Layers, config.Heads, config.FeedForwardDim, config.Dropout));
        pair = Register("pair", new Linear(2 * config.ModelDim, config.ModelDim));
        time = Register("time", new Linear(config.ModelDim, config.ModelDim));
        hidden = Register("head_hidden", new Linear(config.ModelDim, config.ModelDim));
        energyOut = Register("head_out", new Linear(config.ModelDim, 1, bias: false));
        using var noGrad = torch.NoGrad();
        long d = config.ModelDim;
        var identityRight = new float[d * 2 * d];
        for (long i = 0; i < d; i++) identityRight[i * 2 * d + d + i] = 1f;
        using var w = torch.Tensor(identityRight, [d, 2 * d]);
        pair.Weight.Copy_(w);                                                           // W = [0 | I]
        pair.Bias!.Zero_();
        time.Weight.Zero_();                                                            // no time signal at initialisation
        time.Bias!.Zero_();
    }

    /// <summary>An energy whose trunk is a copy of the diffusion model's backbone.</summary>
    public static NceEnergy FromDiffusion(MaskedDiffusionLM diffusion)
    {
        var energy = new NceEnergy(diffusion.Config);
        energy.Trunk.LoadStateDict(diffusion.Backbone.StateDict());
        return energy;
    }

    /// <summary>E_φ(x0, x_t, t) [N] for x0, x_t [N, L] and t [N] (float).</summary>
    public Tensor Forward(Tensor x0, Tensor xt, Tensor t) => torch.Scoped(() =>
    {
        var both = torch.Cat([Trunk.EmbedTokens(xt), Trunk.EmbedTokens(x0)], -1);
        var features = TimestepEmbedding.Sinusoidal(t * 1000.0, ModelDim);             // t ∈ [0, 1] on the sinusoid's scale
        var h0 = pair.Forward(both) + time.Forward(features).Unsqueeze(1);
        var pooled = Trunk.Encode(h0).Mean(1);                                          // mean-pool over positions
        var e = energyOut.Forward(hidden.Forward(pooled).Relu()).Squeeze(-1);
        return e;
    });

    /// <summary>The NCE loss on data ids [B, L] against negatives from the frozen <paramref name="diffusion"/>; t antithetic.</summary>
    public Tensor Loss(MaskedDiffusionLM diffusion, Tensor ids, Generator? generator = null) => torch.Scoped(() =>
    {
        var (positive, negative) = Energies(diffusion, ids, generator);
        var loss = (F.Softplus(positive) + F.Softplus(negative.Neg())).Mean();          // −log σ(−E⁺) − log σ(E⁻)
        return loss;
    });

    /// <summary>How often the sign of E separates data (E &lt; 0) from diffusion samples (E &gt; 0) on ids [B, L].</summary>
    public double Accuracy(MaskedDiffusionLM diffusion, Tensor ids, Generator? generator = null)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            using var evaluation = torch.NoGradScope();
            var (positive, negative) = Energies(diffusion, ids, generator);
            double right = positive.Lt(0).Sum().Item() + negative.Gt(0).Sum().Item();
            return right / (2.0 * ids.Size(0));
        }
        finally
        {
            Train(wasTraining);
        }
    }

    (Tensor Positive, Tensor Negative) Energies(MaskedDiffusionLM diffusion, Tensor ids, Generator? generator)
    {
        var process = diffusion.Process;
        var t = process.SampleTimes((int)ids.Size(0), generator);
        var xt = process.QSample(ids, t, generator);
        Tensor negative;
        using (torch.NoGrad())
        {
            bool wasTraining = diffusion.Training;
            diffusion.Eval();
            negative = EnergySampler.DrawCandidates(diffusion.LogProbs(xt), 1, generator); // x0⁻ ~ p_θ(· | x_t), frozen
            diffusion.Train(wasTraining);
        }
        var times = torch.Tensor(t.Select(v => (float)v).ToArray(), device: ids.Device);
        return (Forward(ids, xt, times), Forward(negative, xt, times));
    }

    /// <summary>E_φ as a sampler's energy (eval mode, no gradients); log p_θ is not used.</summary>
    public Tensor Energy(Tensor x0, Tensor xt, Tensor logProposal, double t)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var times = torch.Full([x0.Size(0)], t, DType.Float32, x0.Device);
            return Forward(x0, xt, times);
        }
        finally
        {
            Train(wasTraining);
        }
    }
}
