namespace TextDiffusion.Evaluation;

/// <summary>Precision, recall and F1 of one ROUGE variant.</summary>
public sealed record RougeScore(double Precision, double Recall, double F1);

/// <summary>
/// ROUGE (Lin, 2004) on lower-cased alphanumeric tokens, as the rouge-score package computes it:
/// ROUGE-N from clipped n-gram overlap, ROUGE-L from the longest common subsequence. F1 = 2PR/(P+R).
/// </summary>
public static class Rouge
{
    public static string[] Tokenize(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static RougeScore N(string hypothesis, string reference, int n) => N(Tokenize(hypothesis), Tokenize(reference), n);

    public static RougeScore N(string[] hyp, string[] reference, int n)
    {
        var h = Bleu.NGrams(hyp, n);
        var r = Bleu.NGrams(reference, n);
        long overlap = h.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        return Score(overlap, h.Values.Sum(), r.Values.Sum());
    }

    public static RougeScore L(string hypothesis, string reference) => L(Tokenize(hypothesis), Tokenize(reference));

    public static RougeScore L(string[] hyp, string[] reference) => Score(Lcs(hyp, reference), hyp.Length, reference.Length);

    /// <summary>Length of the longest common subsequence (dynamic programming, two rows).</summary>
    public static int Lcs(string[] a, string[] b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        foreach (var x in a)
        {
            for (int j = 1; j <= b.Length; j++)
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    static RougeScore Score(long overlap, long hypCount, long refCount)
    {
        double p = hypCount == 0 ? 0 : (double)overlap / hypCount;
        double r = refCount == 0 ? 0 : (double)overlap / refCount;
        return new RougeScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
}
