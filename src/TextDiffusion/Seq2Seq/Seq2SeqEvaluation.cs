using System.Diagnostics;
using Torch;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Decodes a test set in batches of similar source length (outputs are returned in the test set's
/// order) and times it.
/// </summary>
public static class Seq2SeqEvaluation
{
    /// <summary>
    /// Runs <paramref name="decode"/> (source ids [B, S] and the rows' indices in the test set → one output
    /// per row) over the test set.
    /// </summary>
    public static (T[] Outputs, double Seconds) Decode<T>(TokenizedPairs test, int batchSize, int maxSourceLength, Device device,
        Func<Tensor, int[], T[]> decode)
    {
        var order = Enumerable.Range(0, test.Count).OrderBy(i => test.Sources[i].Length).ToArray();
        var outputs = new T[test.Count];
        var clock = Stopwatch.StartNew();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var rows = order.Skip(start).Take(batchSize).ToArray();
            using var scope = torch.NewDisposeScope();
            var source = Seq2SeqBatch.Ids(rows.Select(i => Cut(test.Sources[i], maxSourceLength)).ToList(), device);
            var decoded = decode(source, rows);
            for (int k = 0; k < rows.Length; k++) outputs[rows[k]] = decoded[k];
        }
        return (outputs, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Decodes with the AR model (greedy when <paramref name="beam"/> is 1, else beam search).</summary>
    public static SystemOutput Translate(TransformerTranslator model, TokenizedPairs test, Tokenizer tokenizer, string system, string testSet,
        int beam, int batchSize)
    {
        var (ids, seconds) = TranslateIds(model, test, beam, batchSize);
        return new SystemOutput(system, testSet, ids.Select(y => tokenizer.Decode(y)).ToList(), test.References, seconds);
    }

    /// <summary>The AR model's translations of every source as token ids (greedy when <paramref name="beam"/> is 1), and the time taken.</summary>
    public static (int[][] Ids, double Seconds) TranslateIds(TransformerTranslator model, TokenizedPairs pairs, int beam, int batchSize)
    {
        var c = model.Config;
        return Decode(pairs, batchSize, c.MaxSourceLength, model.Device, (source, _) =>
        {
            int maxLength = Math.Min(c.MaxTargetLength, (int)source.Size(1) + 10);           // targets are about as long as sources, or shorter
            return beam == 1 ? model.Greedy(source, maxLength) : model.BeamSearch(source, beam, maxLength);
        });
    }

    /// <summary>
    /// Difformer's candidates for every source of the test set (length-major per source), and the time taken. With
    /// <paramref name="referenceLengths"/> the window of <see cref="DecodingOptions.LengthBeam"/> lengths is centred on the reference's
    /// length N (N + j − ⌊k/2⌋) instead of the predicted L̂, as many candidates: it reads the references, so it measures the length
    /// predictor, it is not a system.
    /// </summary>
    public static (Candidate[][] Candidates, double Seconds) Candidates(Difformer model, TokenizedPairs test, DecodingOptions options,
        int batchSize, ulong seed, bool referenceLengths = false)
    {
        var device = model.Embeddings.Device;
        using var generator = new Generator(seed, device);
        return Decode(test, batchSize, model.Config.MaxSourceLength, device, (source, rows) => model.Generate(source, options, generator,
            referenceLengths ? LengthPredictor.WindowAround(torch.Tensor(rows.Select(i => (long)test.Targets[i].Length).ToArray(), device: device),
                options.LengthBeam, model.Config.MaxTargetLength) : null));
    }

    /// <summary>
    /// The window of <paramref name="k"/> lengths the model decodes for each source of the test set (<see cref="LengthPredictor.LengthWindow"/>;
    /// its centre, index ⌊k/2⌋, is the predicted length L̂).
    /// </summary>
    public static long[][] LengthWindows(Difformer model, TokenizedPairs test, int k, int batchSize)
    {
        bool wasTraining = model.Training;
        model.Eval();
        try
        {
            using var evaluation = torch.NoGradScope();
            return Decode(test, batchSize, model.Config.MaxSourceLength, model.Embeddings.Device, (source, _) =>
            {
                var (states, padding) = model.Encode(source);
                return LengthPredictor.LengthWindow(model.Length.Forward(states, padding), k).ToArray<long>().Chunk(k).ToArray();
            }).Outputs;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>
    /// One output per source chosen from <paramref name="candidates"/>; the time is the candidates' plus
    /// the selection's (MBR, or the AR model scoring every candidate).
    /// </summary>
    public static SystemOutput Select(Candidate[][] candidates, double candidateSeconds, TokenizedPairs test, Tokenizer tokenizer,
        CandidateSelection selection, string system, string testSet, TransformerTranslator? reranker = null, int batchSize = 32)
    {
        var clock = Stopwatch.StartNew();
        Func<Candidate[][], double[][]>? arScores = reranker is null ? null : c => Rerank(reranker, test, c, batchSize);
        var chosen = CandidateSelector.Select(candidates, selection, arScores, ids => tokenizer.Decode(ids), test.References);
        return new SystemOutput(system, testSet, chosen.Select(y => tokenizer.Decode(y)).ToList(), test.References,
            candidateSeconds + clock.Elapsed.TotalSeconds);
    }

    static double[][] Rerank(TransformerTranslator reranker, TokenizedPairs test, Candidate[][] candidates, int batchSize) =>
        Decode(test, batchSize, reranker.Config.MaxSourceLength, reranker.Device,
            (source, rows) => reranker.ScoreCandidates(source, rows.Select(i => candidates[i].Select(c => c.Tokens).ToArray()).ToArray())).Outputs;

    static int[] Cut(int[] ids, int max) => ids.Length > max ? ids[..max] : ids;
}
