using TextDiffusion.Evaluation;

namespace TextDiffusion.Seq2Seq;

/// <summary>Chooses one output per source among Difformer's candidates (see <see cref="CandidateSelection"/>).</summary>
public static class CandidateSelector
{
    /// <summary>
    /// The chosen token ids per source. <paramref name="arScores"/> computes an autoregressive model's
    /// scores of the candidates; it is called only for <see cref="CandidateSelection.ArScore"/>.
    /// </summary>
    public static int[][] Select(Candidate[][] candidates, CandidateSelection selection, Func<Candidate[][], double[][]>? arScores = null)
    {
        double[][]? scores = selection switch
        {
            CandidateSelection.ModelScore => candidates.Select(c => c.Select(x => x.Score).ToArray()).ToArray(),
            CandidateSelection.ArScore => (arScores ?? throw new ArgumentException("selection by an AR model's score needs a reranker"))(candidates),
            CandidateSelection.Mbr => null,
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, null),
        };
        var chosen = new int[candidates.Length][];
        for (int i = 0; i < candidates.Length; i++)
        {
            int index = scores is null
                ? Mbr.SelectIndex(candidates[i].Select(x => string.Join(' ', x.Tokens)).ToList())   // BLEU among the candidates' ids
                : Array.IndexOf(scores[i], scores[i].Max());
            chosen[i] = candidates[i][index].Tokens;
        }
        return chosen;
    }
}
