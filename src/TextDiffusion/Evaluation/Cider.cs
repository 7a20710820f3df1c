namespace TextDiffusion.Evaluation;

/// <summary>
/// CIDEr-D (Vedantam et al., 2015) exactly as the αNLG evaluation computes it (allenai/abductive-commonsense-reasoning,
/// anlg/evaluation/cider/cider_scorer.py, identical to pycocoevalcap's): for each example, n-grams n = 1…4 of the
/// hypothesis and of each reference are weighted by tf·idf with idf(g) = log |examples| − log max(1, df(g)), df counting the
/// examples whose references contain g; the clipped cosine Σ_g min(h_g, r_g)·r_g / (‖h‖‖r‖) of each order is damped by
/// exp(−δ²/2σ²), σ = 6; the example's score is 10 × the mean over orders of the mean over references; the corpus score is
/// the mean over examples. As in the reference, δ is the difference of the two sides' counts of 2-grams (its
/// <c>if n == 1</c> indexes orders from 0; for sentences of at least one word that is their difference in words), and an
/// order whose n-gram vector is zero on either side scores its unnormalised dot product (0).
/// The reference splits on whitespace; here both sides are first split by <see cref="Tokenizer13a"/> (as our BLEU and the
/// infilling models' words are), so that "car." in a gold middle and "car ." in a generated one are the same words.
/// </summary>
public static class Cider
{
    const int MaxOrder = 4;
    const double Sigma = 6.0;

    /// <summary>Each example's CIDEr-D (the corpus score is their mean); <paramref name="references"/>[i] holds the references of hypothesis i.</summary>
    public static double[] PerExample(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, bool tokenize = true)
    {
        if (hypotheses.Count != references.Count)
            throw new ArgumentException($"{hypotheses.Count} hypotheses but {references.Count} reference sets");
        if (references.Any(r => r.Count == 0)) throw new ArgumentException("every hypothesis needs at least one reference");
        string[] Split(string s) => tokenize ? Tokenizer13a.Tokenize(s) : s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var hyps = hypotheses.Select(h => Counts(Split(h))).ToList();
        var refs = references.Select(rs => rs.Select(r => Counts(Split(r))).ToList()).ToList();

        // df(g): the number of examples whose references contain g.
        var documentFrequency = new Dictionary<string, int>();
        foreach (var example in refs)
            foreach (var g in example.SelectMany(r => r.Keys).Distinct())
                documentFrequency[g] = documentFrequency.GetValueOrDefault(g) + 1;
        double logExamples = Math.Log(refs.Count);

        // tf-idf vectors per order, their norms, and the count of 2-grams (the reference's "length").
        (Dictionary<string, double>[] Vector, double[] Norm, int Length) TfIdf(Dictionary<string, (int Order, int Count)> counts)
        {
            var vector = Enumerable.Range(0, MaxOrder).Select(_ => new Dictionary<string, double>()).ToArray();
            var norm = new double[MaxOrder];
            int length = 0;
            foreach (var (g, (order, tf)) in counts)
            {
                double weight = tf * (logExamples - Math.Log(Math.Max(1.0, documentFrequency.GetValueOrDefault(g))));  // tf · idf
                vector[order - 1][g] = weight;
                norm[order - 1] += weight * weight;
                if (order == 2) length += tf;
            }
            return (vector, norm.Select(Math.Sqrt).ToArray(), length);
        }

        var scores = new double[hyps.Count];
        for (int i = 0; i < hyps.Count; i++)
        {
            var h = TfIdf(hyps[i]);
            var sum = new double[MaxOrder];
            foreach (var reference in refs[i])
            {
                var r = TfIdf(reference);
                double penalty = Math.Exp(-Math.Pow(h.Length - r.Length, 2) / (2 * Sigma * Sigma));   // e^(−δ²/2σ²)
                for (int n = 0; n < MaxOrder; n++)
                {
                    double dot = h.Vector[n].Sum(kv => Math.Min(kv.Value, r.Vector[n].GetValueOrDefault(kv.Key)) * r.Vector[n].GetValueOrDefault(kv.Key));
                    if (h.Norm[n] != 0 && r.Norm[n] != 0) dot /= h.Norm[n] * r.Norm[n];
                    sum[n] += dot * penalty;
                }
            }
            scores[i] = 10.0 * sum.Average() / refs[i].Count;
        }
        return scores;
    }

    /// <summary>n-gram counts of orders 1…4, keyed by the n-gram (its order beside the count).</summary>
    static Dictionary<string, (int Order, int Count)> Counts(string[] words)
    {
        var counts = new Dictionary<string, (int, int)>();
        for (int n = 1; n <= MaxOrder; n++)
            foreach (var (g, c) in Bleu.NGrams(words, n))
                counts[g] = (n, c);
        return counts;
    }
}
