using TextDiffusion.Reporting;

namespace TextDiffusion.Evaluation;

/// <summary>A BLEU score with its parts, printed as sacreBLEU does.</summary>
public sealed record BleuScore(double Score, double[] Precisions, double BrevityPenalty, long HypothesisLength, long ReferenceLength)
{
    public override string ToString() =>
        $"BLEU = {Score:F2} {string.Join("/", Precisions.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} " +
        $"(BP = {BrevityPenalty:F3} ratio = {(double)HypothesisLength / ReferenceLength:F3} hyp_len = {HypothesisLength} ref_len = {ReferenceLength})";
}

/// <summary>
/// BLEU (Papineni et al., 2002) compatible with sacreBLEU's defaults: 13a tokenisation, n-grams up to 4
/// clipped by the largest count in any reference, the closest reference length (shorter on ties),
/// BP = exp(1 − r/c) when c &lt; r, and "exp" smoothing of zero precisions (1 / (2^k · total)).
/// </summary>
public static class Bleu
{
    const int MaxOrder = 4;

    /// <summary>Corpus BLEU; <paramref name="references"/>[i] holds the references of hypothesis i.</summary>
    public static BleuScore Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, bool tokenize = true)
    {
        if (hypotheses.Count != references.Count)
            throw new ArgumentException($"{hypotheses.Count} hypotheses but {references.Count} reference sets");
        var stats = new Statistics();
        for (int i = 0; i < hypotheses.Count; i++)
            stats.Add(Split(hypotheses[i], tokenize), references[i].Select(r => Split(r, tokenize)).ToList());
        return stats.Score(effectiveOrder: false);
    }

    /// <summary>
    /// Corpus BLEU with a percentile-bootstrap interval over hypotheses (<see cref="Metric.Bootstrap(int, Func{int[], double}, int, int, double)"/>):
    /// each resample sums the n-gram statistics of the drawn sentences, so it costs no re-counting. The point
    /// estimate is <see cref="Corpus"/>'s score.
    /// </summary>
    public static Metric CorpusBootstrap(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, int seed = 0,
        int resamples = 1000, bool tokenize = true)
    {
        if (hypotheses.Count != references.Count)
            throw new ArgumentException($"{hypotheses.Count} hypotheses but {references.Count} reference sets");
        var perSentence = hypotheses.Select((h, i) =>
        {
            var stats = new Statistics();
            stats.Add(Split(h, tokenize), references[i].Select(r => Split(r, tokenize)).ToList());
            return stats;
        }).ToArray();
        return Metric.Bootstrap(perSentence.Length, indices =>
        {
            var total = new Statistics();
            foreach (int i in indices) total.Add(perSentence[i]);
            return total.Score(effectiveOrder: false).Score;
        }, seed, resamples);
    }

    /// <summary>Sentence BLEU with effective order (sacreBLEU's sentence_bleu), e.g. for MBR and self-BLEU.</summary>
    public static double Sentence(string hypothesis, IReadOnlyList<string> references, bool tokenize = true) =>
        Sentence(Split(hypothesis, tokenize), references.Select(r => Split(r, tokenize)).ToList());

    public static double Sentence(string[] hypothesis, IReadOnlyList<string[]> references)
    {
        var stats = new Statistics();
        stats.Add(hypothesis, references);
        return stats.Score(effectiveOrder: true).Score;
    }

    static string[] Split(string s, bool tokenize) =>
        tokenize ? Tokenizer13a.Tokenize(s) : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The n-gram counts of one n-gram order, keyed by the joined tokens.</summary>
    internal static Dictionary<string, int> NGrams(string[] tokens, int n)
    {
        var counts = new Dictionary<string, int>();
        for (int i = 0; i + n <= tokens.Length; i++)
        {
            string key = string.Join('\u0001', tokens, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    sealed class Statistics
    {
        readonly long[] correct = new long[MaxOrder], total = new long[MaxOrder];
        long hypLength, refLength;

        public void Add(string[] hyp, IReadOnlyList<string[]> refs)
        {
            hypLength += hyp.Length;
            // closest reference length; on a tie the shorter one
            refLength += refs.Select(r => r.Length).OrderBy(l => Math.Abs(l - hyp.Length)).ThenBy(l => l).First();
            for (int n = 1; n <= MaxOrder; n++)
            {
                var maxRef = new Dictionary<string, int>();
                foreach (var r in refs)
                    foreach (var (g, c) in NGrams(r, n))
                        maxRef[g] = Math.Max(maxRef.GetValueOrDefault(g), c);
                foreach (var (g, c) in NGrams(hyp, n))
                    correct[n - 1] += Math.Min(c, maxRef.GetValueOrDefault(g));
                total[n - 1] += Math.Max(0, hyp.Length - n + 1);
            }
        }

        public void Add(Statistics other)
        {
            hypLength += other.hypLength;
            refLength += other.refLength;
            for (int n = 0; n < MaxOrder; n++)
            {
                correct[n] += other.correct[n];
                total[n] += other.total[n];
            }
        }

        public BleuScore Score(bool effectiveOrder)
        {
            var precisions = new double[MaxOrder];
            double bp = hypLength >= refLength ? 1.0 : hypLength > 0 ? Math.Exp(1 - (double)refLength / hypLength) : 0.0;
            if (correct.All(c => c == 0)) return new BleuScore(0, precisions, bp, hypLength, refLength); // no match at all: 0, as sacreBLEU
            double smooth = 1;
            int order = MaxOrder;
            for (int n = 1; n <= MaxOrder; n++)
            {
                if (total[n - 1] == 0)
                {
                    if (effectiveOrder) order = n - 1;
                    break;
                }
                if (correct[n - 1] == 0)
                {
                    smooth *= 2;
                    precisions[n - 1] = 100.0 / (smooth * total[n - 1]);
                }
                else precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
            double score = 0;
            if (order > 0 && hypLength > 0)
            {
                double logSum = 0;
                for (int n = 0; n < order; n++) logSum += precisions[n] > 0 ? Math.Log(precisions[n]) : -9999999999;
                score = bp * Math.Exp(logSum / order);
            }
            return new BleuScore(score, precisions, bp, hypLength, refLength);
        }
    }
}
