using TextDiffusion.Evaluation;

namespace TextDiffusion.Seq2Seq;

/// <summary>Chooses one output per source among Difformer's candidates (see <see cref="CandidateSelection"/>).</summary>
public static class CandidateSelector
{
    /// <summary>
    /// The chosen token ids per source. <paramref name="arScores"/> computes an autoregressive model's
    /// scores of the candidates; it is called only for <see cref="CandidateSelection.ArScore"/>. <paramref name="decode"/>
    /// turns a candidate into text for MBR and the oracle (default: its ids joined by spaces); <paramref name="references"/> (one per
    /// source) is read only by <see cref="CandidateSelection.Oracle"/>. Ties go to the first candidate.
    /// </summary>
    public static int[][] Select(Candidate[][] candidates, CandidateSelection selection, Func<Candidate[][], double[][]>? arScores = null,
        Func<int[], string>? decode = null, IReadOnlyList<string>? references = null)
    {
        decode ??= ids => string.Join(' ', ids);
        double[][] scores = selection switch
        {
            CandidateSelection.ModelScore => candidates.Select(c => c.Select(x => x.Score).ToArray()).ToArray(),
            CandidateSelection.ArScore => (arScores ?? throw new ArgumentException("selection by an AR model's score needs a reranker"))(candidates),
            CandidateSelection.Mbr => candidates.Select(c => BleuRerank(c, decode)).ToArray(),
            CandidateSelection.Oracle => candidates.Select((c, i) => OracleScores(c, decode,
                (references ?? throw new ArgumentException("the oracle selection needs the references"))[i])).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, null),
        };
        return candidates.Select((c, i) => c[Array.IndexOf(scores[i], scores[i].Max())].Tokens).ToArray();
    }

    /// <summary>Each candidate's sentence BLEU against the reference (the oracle's scores).</summary>
    public static double[] OracleScores(IReadOnlyList<Candidate> candidates, Func<int[], string> decode, string reference) =>
        candidates.Select(c => Bleu.Sentence(decode(c.Tokens), [reference])).ToArray();

    /// <summary>
    /// The public code's <c>bleu_rerank</c> (generator.py): score_i = Σ_{j ≠ i, s_j non-empty} BLEU(hyp = s_j, ref = s_i) / (n − 1),
    /// how well candidate i serves as the reference of the others; an empty candidate keeps its model score.
    /// </summary>
    public static double[] BleuRerank(IReadOnlyList<Candidate> candidates, Func<int[], string> decode)
    {
        var texts = candidates.Select(c => decode(c.Tokens)).ToArray();
        bool Empty(int i) => string.IsNullOrWhiteSpace(texts[i]);
        return Enumerable.Range(0, texts.Length).Select(i => Empty(i) || texts.Length == 1 ? candidates[i].Score
            : Enumerable.Range(0, texts.Length).Where(j => j != i && !Empty(j)).Sum(j => Bleu.Sentence(texts[j], [texts[i]])) / (texts.Length - 1)).ToArray();
    }
}
