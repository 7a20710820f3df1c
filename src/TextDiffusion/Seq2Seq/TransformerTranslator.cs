using Torch;
using Torch.Nn;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// The autoregressive baseline (Vaswani et al., 2017): p(y | x) = Π_i softmax(h_i·Eᵀ)[y_i], where h_i
/// comes from causal self-attention over BOS y_&lt;i and cross-attention to the encoder. Trained with
/// teacher forcing and label smoothing; decodes greedily or with beam search; scores Difformer's
/// candidates for reranking.
/// </summary>
public sealed class TransformerTranslator : Module
{
    readonly Embedding words, positions;
    readonly Dropout dropout;
    readonly ModuleList<TransformerDecoderLayer> layers;
    readonly LayerNorm? finalNorm;
    readonly double embedScale;

    public TranslatorConfig Config { get; }
    public Seq2SeqEncoder Encoder { get; }

    public TransformerTranslator(TranslatorConfig c)
    {
        Config = c;
        embedScale = Math.Sqrt(c.ModelDim);
        words = Register("words", new Embedding(c.VocabSize, c.ModelDim, SpecialTokens.Pad, initStd: 1 / embedScale));
        var layer = new TransformerLayerOptions(c.ModelDim, c.Heads, c.FeedForwardDim, c.Dropout, Activation.Relu, c.NormFirst);
        Encoder = Register("encoder", new Seq2SeqEncoder(c.ModelDim, layer, c.EncoderLayers, c.MaxSourceLength));
        positions = Register("positions", new Embedding(c.MaxTargetLength + 1, c.ModelDim, initStd: 1 / embedScale));
        dropout = Register("dropout", new Dropout(c.Dropout));
        layers = Register("layers", new ModuleList<TransformerDecoderLayer>(
            Enumerable.Range(0, c.DecoderLayers).Select(_ => new TransformerDecoderLayer(layer))));
        if (c.NormFirst) finalNorm = Register("norm", new LayerNorm(c.ModelDim));
    }

    /// <summary>Encoder states [B, S, D] and source padding [B, S] for source ids [B, S].</summary>
    public (Tensor States, Tensor Padding) Encode(Tensor source) => torch.Scoped(() =>
    {
        var padding = source.Eq(SpecialTokens.Pad);
        return (Encoder.Forward(words.Forward(source) * embedScale, padding), padding); // Enc(√d·E[x])
    });

    /// <summary>Next-token logits [B, T, V] for decoder inputs [B, T] (BOS y_&lt;T); position i sees inputs ≤ i.</summary>
    public Tensor Decode(Tensor states, Tensor sourcePadding, Tensor input) => torch.Scoped(() =>
    {
        long length = input.Size(1);
        if (length > Config.MaxTargetLength + 1) throw new ArgumentException($"target length {length} exceeds the decoder's maximum");
        var targetPadding = input.Eq(SpecialTokens.Pad);
        var h = dropout.Forward(words.Forward(input) * embedScale + positions.Forward(torch.Arange(length, input.Device))); // h = √d·E[y] + PosEmb
        foreach (var layer in layers.Items) h = layer.Forward(h, states, targetPadding, sourcePadding, causal: true);
        if (finalNorm is not null) h = finalNorm.Forward(h);
        return F.Linear(h, words.Weight); // logits = h·Eᵀ
    });

    /// <summary>Label-smoothed cross-entropy of y EOS given BOS y (teacher forcing), padding ignored.</summary>
    public Tensor Loss(Tensor source, Tensor targetInput, Tensor targetOutput) => torch.Scoped(() =>
    {
        var (states, padding) = Encode(source);
        var logits = Decode(states, padding, targetInput);
        var loss = F.CrossEntropy(logits.Reshape(-1, Config.VocabSize), targetOutput.Reshape(-1), SpecialTokens.Pad, Config.LabelSmoothing);
        return loss;
    });

    public Tensor Loss(Seq2SeqBatch batch) => Loss(batch.Source, batch.TargetInput, batch.TargetOutput);

    /// <summary>Greedy decoding: y_i = argmax p(· | x, y_&lt;i) until EOS or <paramref name="maxLength"/> tokens.</summary>
    public int[][] Greedy(Tensor source, int maxLength)
    {
        return WithEval(() =>
        {
            using var evaluation = torch.NoGradScope();
            long b = source.Size(0);
            var (states, padding) = Encode(source);
            var ids = torch.Full([b, 1], SpecialTokens.Bos, DType.Int64, source.Device);
            var finished = torch.Zeros([b], DType.Bool, source.Device);
            int limit = Math.Min(maxLength, Config.MaxTargetLength);
            for (int i = 0; i < limit; i++)
            {
                using var stepScope = torch.NewDisposeScope();
                var logits = Decode(states, padding, ids).Select(1, ids.Size(1) - 1);
                var next = logits.ArgMax(-1);
                next = torch.Where(finished, torch.FullLike(next, SpecialTokens.Pad), next);
                var grown = stepScope.MoveToOuter(torch.Cat([ids, next.Unsqueeze(1)], 1));
                var done = stepScope.MoveToOuter(finished.LogicalOr(next.Eq(SpecialTokens.Eos)));
                ids.Dispose();
                finished.Dispose();
                (ids, finished) = (grown, done);
                if (finished.All().Item() != 0) break;
            }
            return Rows(ids);
        });
    }

    /// <summary>
    /// Beam search with <paramref name="beam"/> hypotheses per source: at each step the 2·beam best
    /// extensions by Σ log p; those ending in EOS are finished with score Σ log p / |y|^α
    /// (<paramref name="lengthPenalty"/> α), the best beam others continue. A source stops once it has
    /// <paramref name="beam"/> finished hypotheses; at <paramref name="maxLength"/> the live ones are finished.
    /// </summary>
    public int[][] BeamSearch(Tensor source, int beam, int maxLength, double lengthPenalty = 1.0)
    {
        return WithEval(() =>
        {
            using var evaluation = torch.NoGradScope();
            int b = (int)source.Size(0);
            long v = Config.VocabSize;
            var (states0, padding0) = Encode(source);
            var rowSource = torch.Arange(b, source.Device).Unsqueeze(1).Expand(b, beam).Reshape(b * beam);
            var states = states0.IndexSelect(0, rowSource);
            var padding = padding0.IndexSelect(0, rowSource);
            var hyps = Enumerable.Range(0, b * beam).Select(_ => new List<int>()).ToArray();
            var sums = new double[b * beam];
            for (int r = 0; r < sums.Length; r++) sums[r] = r % beam == 0 ? 0 : double.NegativeInfinity; // one live start per source
            var finished = Enumerable.Range(0, b).Select(_ => new List<(int[] Tokens, double Score)>()).ToArray();
            var done = new bool[b];
            int limit = Math.Min(maxLength, Config.MaxTargetLength);
            for (int step = 0; step < limit && !done.All(d => d); step++)
            {
                using var stepScope = torch.NewDisposeScope();
                // only the sources still searching are run through the decoder
                var active = Enumerable.Range(0, b).Where(i => !done[i]).ToArray();
                var rows = active.SelectMany(i => Enumerable.Range(i * beam, beam)).ToArray();
                var rowIndex = torch.Tensor(rows.Select(r => (long)r).ToArray(), device: source.Device);
                var input = Seq2SeqBatch.Ids(rows.Select(r => (int[])[SpecialTokens.Bos, .. hyps[r]]).ToList(), source.Device);
                var logp = Decode(states.IndexSelect(0, rowIndex), padding.IndexSelect(0, rowIndex), input)
                    .Select(1, step).LogSoftmax(-1);                                                // [A·beam, V]
                var rowSums = torch.Tensor(rows.Select(r => sums[r]).ToArray(), device: source.Device).To(logp.DType).Unsqueeze(1);
                var total = (logp + rowSums).View(active.Length, beam * v);                         // Σ log p of each extension
                var (values, indices) = total.TopK(Math.Min(2 * beam, beam * (int)v), -1);
                var top = values.To(DType.Float64).ToArray<double>();
                var where = indices.ToArray<long>();
                int width = (int)values.Size(1);
                for (int a = 0; a < active.Length; a++)
                {
                    int i = active[a], alive = 0;
                    var nextHyps = new List<int>[beam];
                    var nextSums = new double[beam];
                    for (int j = 0; j < width && alive < beam; j++)
                    {
                        double score = top[a * width + j];
                        if (double.IsNegativeInfinity(score)) break;
                        int from = i * beam + (int)(where[a * width + j] / v), token = (int)(where[a * width + j] % v);
                        if (token == SpecialTokens.Eos || step == limit - 1)
                        {
                            var tokens = token == SpecialTokens.Eos ? hyps[from].ToArray() : [.. hyps[from], token];
                            if (finished[i].Count < beam) finished[i].Add((tokens, score / Math.Pow(tokens.Length + 1, lengthPenalty)));
                            continue;
                        }
                        nextHyps[alive] = [.. hyps[from], token];
                        nextSums[alive++] = score;
                    }
                    for (int k = alive; k < beam; k++) (nextHyps[k], nextSums[k]) = ([.. hyps[i * beam]], double.NegativeInfinity);
                    for (int k = 0; k < beam; k++) (hyps[i * beam + k], sums[i * beam + k]) = (nextHyps[k], nextSums[k]);
                    if (finished[i].Count >= beam || step == limit - 1 || alive == 0) done[i] = true;
                }
            }
            return finished.Select(f => f.Count == 0 ? [] : f.MaxBy(h => h.Score).Tokens).ToArray();
        });
    }

    /// <summary>
    /// Mean log p(y EOS | x) per token of each candidate; <paramref name="candidates"/>[i] are the
    /// candidates for source row i. Used to rerank Difformer's outputs.
    /// </summary>
    public double[][] ScoreCandidates(Tensor source, IReadOnlyList<int[][]> candidates)
    {
        return WithEval(() =>
        {
            using var evaluation = torch.NoGradScope();
            var (states0, padding0) = Encode(source);
            var owner = candidates.SelectMany((c, i) => c.Select(_ => (long)i)).ToArray();
            var flat = candidates.SelectMany(c => c).ToList();
            var rows = torch.Tensor(owner, device: source.Device);
            var states = states0.IndexSelect(0, rows);
            var padding = padding0.IndexSelect(0, rows);
            var cut = flat.Select(y => y.Length > Config.MaxTargetLength ? y[..Config.MaxTargetLength] : y).ToList();
            var input = Seq2SeqBatch.Ids(cut.Select(y => (int[])[SpecialTokens.Bos, .. y]).ToList(), source.Device);
            var output = Seq2SeqBatch.Ids(cut.Select(y => (int[])[.. y, SpecialTokens.Eos]).ToList(), source.Device);
            var logits = Decode(states, padding, input);
            var nll = F.CrossEntropy(logits.Reshape(-1, Config.VocabSize), output.Reshape(-1), SpecialTokens.Pad, reduction: Reduction.None)
                .View(output.Size(0), output.Size(1));
            var count = output.Ne(SpecialTokens.Pad).Sum(1).To(DType.Float64);
            var mean = (nll.To(DType.Float64).Sum(1) / count).Neg().ToArray<double>();
            var result = new double[candidates.Count][];
            int k = 0;
            for (int i = 0; i < candidates.Count; i++)
            {
                result[i] = mean[k..(k + candidates[i].Length)];
                k += candidates[i].Length;
            }
            return result;
        });
    }

    // The tokens after BOS of each row of ids [B, T], up to EOS or PAD.
    static int[][] Rows(Tensor ids)
    {
        long b = ids.Size(0), l = ids.Size(1);
        var data = ids.ToArray<long>();
        var rows = new int[b][];
        for (long i = 0; i < b; i++)
        {
            var row = new List<int>();
            for (long k = 1; k < l && data[i * l + k] is var v && v != SpecialTokens.Eos && v != SpecialTokens.Pad; k++) row.Add((int)v);
            rows[i] = [.. row];
        }
        return rows;
    }

    T WithEval<T>(Func<T> f)
    {
        bool wasTraining = Training;
        Eval();
        try
        {
            return f();
        }
        finally
        {
            Train(wasTraining);
        }
    }
}
