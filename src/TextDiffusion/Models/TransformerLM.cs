using Torch;
using Torch.Nn;

namespace TextDiffusion.Models;

/// <summary>
/// A GPT-style causal language model: token + learned position embeddings, pre-norm transformer
/// layers with causal self-attention, a final layer norm and an output layer tied to the token
/// embedding. p(w_1..w_L) = Π_i softmax(h_i·Eᵀ)[w_{i+1}].
/// Used for the quick start, as the teacher LM behind lm-score, and as the autoregressive baseline.
/// </summary>
public sealed class TransformerLM : Module
{
    readonly Embedding tokens, positions;
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly LayerNorm finalNorm;
    readonly Dropout dropout;

    public TransformerLMConfig Config { get; }

    public TransformerLM(TransformerLMConfig config)
    {
        Config = config;
        tokens = Register("tokens", new Embedding(config.VocabSize, config.ModelDim, initStd: 0.02));
        positions = Register("positions", new Embedding(config.MaxLength, config.ModelDim, initStd: 0.02));
        dropout = Register("dropout", new Dropout(config.Dropout));
        var layer = new TransformerLayerOptions(config.ModelDim, config.Heads, config.FeedForwardDim, config.Dropout);
        layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
            Enumerable.Range(0, config.Layers).Select(_ => new TransformerEncoderLayer(layer))));
        finalNorm = Register("norm", new LayerNorm(config.ModelDim));
    }

    /// <summary>Next-token logits [B, L, V] for ids [B, L]; position i sees only positions ≤ i.</summary>
    public Tensor Forward(Tensor ids) =>
        torch.Scoped(() => F.Linear(States(ids), tokens.Weight)); // logits = h·Eᵀ

    /// <summary>The final-layer states [B, L, D] (after the last layer norm); position i sees only positions ≤ i.</summary>
    public Tensor Hidden(Tensor ids) =>
        torch.Scoped(() => States(ids));

    // h = LN(Layers(Dropout(E[w] + PosEmb))), created in the caller's dispose scope.
    Tensor States(Tensor ids)
    {
        long length = ids.Size(1);
        if (length > Config.MaxLength) throw new ArgumentException($"sequence length {length} exceeds the model's maximum {Config.MaxLength}");
        var pos = torch.Arange(length, ids.Device);
        var h = dropout.Forward(tokens.Forward(ids) + positions.Forward(pos)); // h = E[w] + PosEmb
        foreach (var layer in layers.Items) h = layer.Forward(h, causal: true);
        return finalNorm.Forward(h);
    }

    /// <summary>Mean next-token cross-entropy of ids [B, L] (each row BOS w_1 … EOS PAD…), padding ignored.</summary>
    public Tensor Loss(Tensor ids) => torch.Scoped(() =>
    {
        long l = ids.Size(1);
        var input = ids.Slice(1, 0, l - 1);
        var target = ids.Slice(1, 1, l);
        // mean −log p(w_{i+1} | w_≤i)
        return F.CrossEntropy(Forward(input).Reshape(-1, Config.VocabSize), target.Reshape(-1), ignoreIndex: Config.PadId);
    });

    /// <summary>
    /// Σ −log p(w_{i+1} | w_≤i) per row and the number of predicted tokens per row, for ids [B, L]
    /// with padding. exp(ΣNLL / Σcount) is the perplexity (lm-score when this is the teacher).
    /// </summary>
    public (double[] Nll, long[] Count) SequenceNll(Tensor ids)
    {
        using var evaluation = torch.NoGradScope();
        long b = ids.Size(0), l = ids.Size(1);
        var input = ids.Slice(1, 0, l - 1);
        var target = ids.Slice(1, 1, l);
        var logits = Forward(input);
        var nll = F.CrossEntropy(logits.Reshape(-1, Config.VocabSize), target.Reshape(-1), ignoreIndex: Config.PadId,
            reduction: Reduction.None).Reshape(b, l - 1);
        var counts = target.Ne(Config.PadId).Sum(1).ToArray<long>();
        var sums = nll.Sum(1).To(DType.Float64).ToArray<double>();
        return (sums, counts);
    }

    /// <summary>
    /// Samples continuations of <paramref name="prompt"/> [B, P] until <paramref name="maxLength"/> tokens
    /// or EOS, with temperature and optional top-k. Rows that ended are padded with PadId.
    /// </summary>
    public Tensor Generate(Tensor prompt, int maxLength, int eosId, Generator generator, double temperature = 1.0, int topK = 0) => torch.NoGrad(() =>
    {
        bool wasTraining = Training;
        Eval();
        var ids = prompt.Clone();
        long b = prompt.Size(0);
        var finished = torch.Zeros([b], DType.Bool, prompt.Device);
        try
        {
            while (ids.Size(1) < Math.Min(maxLength, Config.MaxLength))
            {
                using var scope = torch.NewDisposeScope();
                var logits = Forward(ids).Select(1, ids.Size(1) - 1) / temperature;
                if (topK > 0 && topK < Config.VocabSize)
                {
                    var kth = logits.TopK(topK, -1).Values.Select(1, topK - 1).Unsqueeze(1);
                    logits = logits.MaskedFill(logits.Lt(kth), double.NegativeInfinity);
                }
                var next = logits.Softmax(-1).Multinomial(1, generator: generator).Squeeze(1);
                next = torch.Where(finished, torch.FullLike(next, Config.PadId), next);
                var grown = torch.Cat([ids, next.Unsqueeze(1)], 1);
                var done = finished.LogicalOr(next.Eq(eosId));
                ids.Dispose();
                finished.Dispose();
                ids = scope.MoveToOuter(grown);
                finished = scope.MoveToOuter(done);
                if (finished.All().Item() != 0) break;
            }
            return ids;
        }
        finally
        {
            finished.Dispose();
            Train(wasTraining);
        }
    });
}
