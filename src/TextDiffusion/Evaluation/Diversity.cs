namespace TextDiffusion.Evaluation;

/// <summary>How varied a set of generated sentences is.</summary>
public static class Diversity
{
    /// <summary>distinct-n: unique n-grams / all n-grams over the whole set (higher = more diverse).</summary>
    public static double DistinctN(IReadOnlyList<string[]> sentences, int n)
    {
        var unique = new HashSet<string>();
        long total = 0;
        foreach (var s in sentences)
            foreach (var (g, c) in Bleu.NGrams(s, n))
            {
                unique.Add(g);
                total += c;
            }
        return total == 0 ? 0 : (double)unique.Count / total;
    }

    /// <summary>self-BLEU: each sentence's BLEU against all the others, per sentence (lower = more diverse).</summary>
    public static double[] SelfBleu(IReadOnlyList<string[]> sentences, int maxOthers = 200)
    {
        var result = new double[sentences.Count];
        for (int i = 0; i < sentences.Count; i++)
        {
            var others = sentences.Where((_, j) => j != i).Take(maxOthers).ToList();
            result[i] = others.Count == 0 ? 0 : Bleu.Sentence(sentences[i], others);
        }
        return result;
    }
}
