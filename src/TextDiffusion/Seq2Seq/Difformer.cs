using Torch;
using Torch.Nn;
using TextDiffusion.Diffusion;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Difformer (Gao et al., 2022): embedding diffusion for sequence-to-sequence generation.
/// An encoder reads the source; the target's embeddings z0 = √d·E[y] are noised,
/// z_t = √ᾱ_t·z0 + F·√(1−ᾱ_t)·ε, and a decoder with cross-attention and self-conditioning predicts ẑ0
/// (with the embedding layer norm on its input, after the projection, as the public code's default);
/// a length predictor on the encoder fixes the output length. The embedding table E is shared by the
/// source, the target and the output layer p(y_i | z_i) = softmax(z_i·Eᵀ).
/// </summary>
public sealed class Difformer : Module
{
    readonly Embedding words;
    readonly double embedScale;
    readonly Dictionary<int, GaussianDiffusion> respaced = [];

    public DifformerConfig Config { get; }
    public Seq2SeqEncoder Encoder { get; }
    public LengthPredictor Length { get; }
    public DiffusionDecoder Decoder { get; }
    public GaussianDiffusion Diffusion { get; }

    public Difformer(DifformerConfig c)
    {
        Config = c;
        embedScale = Math.Sqrt(c.LatentDim);
        // N(0, 1/d) scaled by √d: unit-variance embeddings, as fairseq's table with embed_scale.
        words = Register("words", new Embedding(c.VocabSize, c.LatentDim, SpecialTokens.Pad, initStd: 1 / embedScale));
        var layer = new TransformerLayerOptions(c.ModelDim, c.Heads, c.FeedForwardDim, c.Dropout, Activation.Relu, c.NormFirst);
        Encoder = Register("encoder", new Seq2SeqEncoder(c.LatentDim, layer, c.EncoderLayers, c.MaxSourceLength));
        Length = Register("length", new LengthPredictor(c.ModelDim, c.MaxTargetLength));
        Decoder = Register("decoder", new DiffusionDecoder(c.LatentDim, layer, c.DecoderLayers, c.MaxTargetLength, c.SelfConditioning,
            c.Modules.EmbeddingLayerNorm));
        Diffusion = GaussianDiffusion.Create(c.Schedule, c.DiffusionSteps);
    }

    /// <summary>The shared embedding table E ∈ R^{V×d} (also the output layer).</summary>
    public Tensor Embeddings => words.Weight;

    /// <summary>The embedding layer normalisation (on the decoder's input, after the projection), or null when that module is off.</summary>
    public LayerNorm? EmbeddingNorm => Decoder.EmbeddingNorm;

    /// <summary>z0 = √d·E[y] for target ids [B, L] → [B, L, d] (forward_embedding: the default layer norm is not here).</summary>
    public Tensor EmbedTarget(Tensor ids)
    {
        using var e = words.Forward(ids);
        return e * embedScale;
    }

    /// <summary>Encoder states [B, S, D] and the source padding [B, S] (true at pads) for source ids [B, S].</summary>
    public (Tensor States, Tensor Padding) Encode(Tensor source) => torch.Scoped(() =>
    {
        var padding = source.Eq(SpecialTokens.Pad);
        return (Encoder.Forward(words.Forward(source) * embedScale, padding), padding); // Enc(√d·E[x])
    });

    /// <summary>Logits z·Eᵀ [.., V] of the output layer tied to the embeddings.</summary>
    public Tensor OutputLogits(Tensor z) => F.Linear(z, words.Weight);

    /// <summary>The decoder's time input: t·1000/T as a float (the public code's rescaled timesteps).</summary>
    public Tensor ModelTime(Tensor t)
    {
        using var f = t.To(DType.Float32);
        return f * (1000.0 / Config.DiffusionSteps);
    }

    /// <summary>ẑ0 = f_θ(z_t, t, x, ẑ0_prev) at training timesteps t [B] (int64).</summary>
    public Tensor Denoise(Tensor zt, Tensor t, Tensor targetPadding, Tensor states, Tensor sourcePadding, Tensor? previousZ0 = null)
    {
        using var time = ModelTime(t);
        return Decoder.Forward(zt, time, targetPadding, states, sourcePadding, previousZ0);
    }

    /// <summary>z_t = √ᾱ_t·z0 + F·√(1−ᾱ_t)·ε, with F the configured noise factor.</summary>
    public Tensor Noise(Tensor z0, Tensor t, Tensor noise) => Diffusion.QSample(z0, t, noise, Config.Modules.NoiseFactor);

    /// <summary>
    /// The training objective for source [B, S] and target [B, L] ids (padded with PAD): t ~ U{0…T−1},
    /// ε ~ N(0, I), and with probability ½ a first no-grad pass supplies ẑ0_prev for self-conditioning.
    /// Without a generator the global one is used (the Trainer reseeds it every step).
    /// </summary>
    public DifformerLoss Loss(Tensor source, Tensor target, Generator? generator = null)
    {
        using var scope = torch.NewDisposeScope();
        long b = target.Size(0);
        var t = torch.RandInt(0, Config.DiffusionSteps, [b], target.Device, generator);
        var noise = torch.Randn([b, target.Size(1), Config.LatentDim], device: target.Device, generator: generator);
        bool selfCondition = Config.SelfConditioning && torch.Rand([1], generator: generator).Item() < 0.5;
        var loss = Loss(source, target, t, noise, selfCondition);
        return new DifformerLoss(scope.MoveToOuter(loss.Total), scope.MoveToOuter(loss.Diffusion), scope.MoveToOuter(loss.Token),
            scope.MoveToOuter(loss.Length));
    }

    /// <summary>The objective at given timesteps t [B], noise ε [B, L, d] and self-conditioning choice.</summary>
    public DifformerLoss Loss(Tensor source, Tensor target, Tensor t, Tensor noise, bool selfCondition)
    {
        using var scope = torch.NewDisposeScope();
        var c = Config;
        var (states, sourcePadding) = Encode(source);
        // length: CE over the predicted length classes
        var targetPadding = target.Eq(SpecialTokens.Pad);
        var lengths = targetPadding.LogicalNot().Sum(1).Clamp(max: c.MaxTargetLength).To(DType.Int64);
        var lengthLoss = LengthPredictor.Loss(Length.Forward(states, sourcePadding), lengths);
        // diffusion: ‖ẑ0 − z0‖² over real target positions
        var z0 = EmbedTarget(target);                                   // z0 = √d·E[y]
        var zt = Noise(z0, t, noise);                                   // z_t = √ᾱ_t·z0 + F·√(1−ᾱ_t)·ε
        Tensor? previous = null;                                        // ẑ0_prev: stop-grad first pass, half the steps
        if (selfCondition && Decoder.SelfConditioning)
            using (torch.NoGrad())
                previous = Denoise(zt, t, targetPadding, states, sourcePadding).Detach();
        var z0Hat = Denoise(zt, t, targetPadding, states, sourcePadding, previous);
        var keep = targetPadding.LogicalNot().Unsqueeze(-1).To(z0.DType);
        var squared = (z0Hat - z0).Pow(2) * keep;
        var mse = squared.Sum() / (keep.Sum().Clamp(min: 1) * c.LatentDim);
        // anchor loss: −log softmax(ẑ0·Eᵀ)[y] through the tied output layer (rounding loss: of the true z0)
        var tokenLoss = c.Modules.TokenLoss == TokenLoss.None
            ? torch.Zeros([], device: z0.Device)
            : F.CrossEntropy(OutputLogits(c.Modules.TokenLoss == TokenLoss.Anchor ? z0Hat : z0).Reshape(-1, c.VocabSize),
                target.Reshape(-1), SpecialTokens.Pad, c.LabelSmoothing);
        var total = mse * c.DiffusionLossWeight + tokenLoss + lengthLoss * c.LengthLossFactor;
        return new DifformerLoss(scope.MoveToOuter(total), scope.MoveToOuter(mse), scope.MoveToOuter(tokenLoss), scope.MoveToOuter(lengthLoss));
    }

    /// <summary>The process respaced to <paramref name="steps"/> evenly spaced timesteps (cached).</summary>
    public GaussianDiffusion Decoding(int steps)
    {
        if (steps == Diffusion.Steps) return Diffusion;
        if (!respaced.TryGetValue(steps, out var d)) respaced[steps] = d = Diffusion.Respace(steps);
        return d;
    }

    /// <summary>
    /// Decodes source ids [B, S]: for each source a window of <see cref="DecodingOptions.LengthBeam"/> lengths around the predicted one ×
    /// <see cref="DecodingOptions.NoiseBeam"/> draws of z_T ~ N(0, F²I), denoised in
    /// <see cref="DecodingOptions.Steps"/> steps with self-conditioning; each candidate is argmax_w z0·Eᵀ
    /// over its length. Returns the candidates of each source (length-major). <paramref name="lengths"/> [B, k] (int64) replaces the
    /// predicted window by given lengths, e.g. the references' (a diagnostic of the length predictor), each clamped to [1, MaxTargetLength].
    /// </summary>
    public Candidate[][] Generate(Tensor source, DecodingOptions o, Generator generator, Tensor? lengths = null)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            using var evaluation = torch.NoGradScope();
            long b = source.Size(0);
            int k = o.LengthBeam, n = o.NoiseBeam;
            var (states, sourcePadding) = Encode(source);
            var window = lengths?.To(source.Device).Clamp(1, Config.MaxTargetLength).To(DType.Int64)
                ?? LengthPredictor.LengthWindow(Length.Forward(states, sourcePadding), k);       // [B, k]
            k = (int)window.Size(1);
            long rows = b * k * n;
            var rowLengths = window.Unsqueeze(2).Expand(b, k, n).Reshape(rows);                   // length-major per source
            long s = states.Size(1), width = rowLengths.Max().ItemLong();
            var memory = states.Unsqueeze(1).Expand(b, k * n, s, states.Size(2)).Reshape(rows, s, states.Size(2));
            var memoryPadding = sourcePadding.Unsqueeze(1).Expand(b, k * n, s).Reshape(rows, s);
            var padding = torch.Arange(width, source.Device).Unsqueeze(0).Ge(rowLengths.Unsqueeze(1));   // [R, L]
            var z0Hat = DecodeLatents(memory, memoryPadding, padding, o, generator);
            var logProbs = OutputLogits(z0Hat).LogSoftmax(-1);
            var (best, ids) = logProbs.Max(-1);
            var tokenData = ids.ToArray<long>();
            var scoreData = best.To(DType.Float64).ToArray<double>();
            var lengthData = rowLengths.ToArray<long>();
            var result = new Candidate[b][];
            for (int i = 0; i < b; i++)
            {
                result[i] = new Candidate[k * n];
                for (int j = 0; j < k * n; j++)
                {
                    long r = (long)i * k * n + j, len = lengthData[r];
                    var tokens = new int[len];
                    double sum = 0;
                    for (long p = 0; p < len; p++)
                    {
                        tokens[p] = (int)tokenData[r * width + p];
                        sum += scoreData[r * width + p];
                    }
                    result[i][j] = new Candidate(tokens, sum / Math.Max(1, len));
                }
            }
            return result;
        }
        finally
        {
            Train(wasTraining);
        }
    }

    // The reverse process with the shared Sampler: the denoiser closes over the encoder states, the
    // length masks and the previous ẑ0 (self-conditioning); the sampler scales z_T and the posterior noise
    // by F (x_{t−1} = μ + F·σ·ε); runs respaced steps S−1 … LastStep and returns the last ẑ0 [R, L, d]
    // (generator.py: range(early_stopping, steps)[::-1], output forward_output_layer(prev_z_0_hat)).
    Tensor DecodeLatents(Tensor memory, Tensor memoryPadding, Tensor padding, DecodingOptions o, Generator generator)
    {
        Tensor? previous = null;
        var diffusion = Decoding(o.Steps);
        var sampler = new Sampler(diffusion,
            (zt, modelTime, previousZ0) => Denoise(zt, modelTime, padding, memory, memoryPadding, previousZ0), Parameterization.X0);
        var options = new SamplingOptions
        {
            DenoisedFn = o.Clamping ? (x0, _) => Clamp(x0) : null,
            NoiseFactor = o.NoiseFactor,
        };
        var z = Sampler.Prior([padding.Size(0), padding.Size(1), Config.LatentDim], generator, options, memory.Device);
        try
        {
            for (int step = diffusion.Steps - 1; step >= o.LastStep; step--)   // early stopping: the last ẑ0 is the output
            {
                using var stepScope = torch.NewDisposeScope();
                var (next, z0) = sampler.Step(z, step, generator, options, previous);
                z.Dispose();
                previous?.Dispose();
                z = stepScope.MoveToOuter(next);
                previous = stepScope.MoveToOuter(z0);
            }
            return previous!.Alias();
        }
        finally
        {
            z.Dispose();
            previous?.Dispose();
        }
    }

    // The clamping trick: ẑ0 → z0 of its argmax tokens.
    Tensor Clamp(Tensor z0Hat) =>
        torch.Scoped(() => EmbedTarget(OutputLogits(z0Hat).ArgMax(-1))); // z0 = √d·E[argmax ẑ0·Eᵀ]

    /// <summary>
    /// Decodes and selects one output per source: by the model's own score, by MBR (BLEU among the
    /// candidates) or by an autoregressive model's score (<paramref name="reranker"/>).
    /// </summary>
    public int[][] Translate(Tensor source, DecodingOptions o, Generator generator, TransformerTranslator? reranker = null) =>
        CandidateSelector.Select(Generate(source, o, generator), o.Selection,
            reranker is null ? null : c => reranker.ScoreCandidates(source, c.Select(x => x.Select(y => y.Tokens).ToArray()).ToArray()));
}
