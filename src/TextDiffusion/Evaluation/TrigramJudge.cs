using TextDiffusion.Reporting;

namespace TextDiffusion.Evaluation;

/// <summary>
/// A word trigram language model with interpolated absolute discounting (D = 0.75), fitted on training
/// sentences in a moment: a judge of fluency that shares nothing with the neural models it judges, for
/// the quick start, where there is no time to train a teacher LM.
/// p(w | u v) = max(c(uvw) − D, 0)/c(uv·) + D·N(uv·)/c(uv·) · p(w | v), likewise p(w | v) down to
/// p(w) = (c(w) + 1)/(N + V + 1), where N(h·) counts the distinct words seen after h and the +1 is an unseen word.
/// The score is Diffusion-LM's reference aggregation (control_gen/eval_control.py): exp of the mean over
/// sentences of each sentence's mean NLL per token, end of sentence included.
/// </summary>
public sealed class TrigramJudge
{
    const double D = 0.75;
    const string Boundary = "\u0001";   // BOS and EOS: never a word

    readonly Dictionary<string, int> unigram = new(StringComparer.Ordinal);
    readonly Dictionary<(string, string), int> bigram = [];
    readonly Dictionary<(string, string, string), int> trigram = [];
    readonly Dictionary<string, (int Count, int Distinct)> after1 = new(StringComparer.Ordinal);
    readonly Dictionary<(string, string), (int Count, int Distinct)> after2 = [];
    long tokens;

    /// <summary>Counts the n-grams of <paramref name="sentences"/> (words split on spaces).</summary>
    public TrigramJudge(IEnumerable<string> sentences)
    {
        foreach (var sentence in sentences)
        {
            var (u, v) = (Boundary, Boundary);
            foreach (var w in Words(sentence))
            {
                tokens++;
                unigram[w] = unigram.GetValueOrDefault(w) + 1;
                if (Add(bigram, (v, w))) after1[v] = (after1.GetValueOrDefault(v).Count + 1, after1.GetValueOrDefault(v).Distinct + 1);
                else after1[v] = (after1[v].Count + 1, after1[v].Distinct);
                if (Add(trigram, (u, v, w))) after2[(u, v)] = (after2.GetValueOrDefault((u, v)).Count + 1, after2.GetValueOrDefault((u, v)).Distinct + 1);
                else after2[(u, v)] = (after2[(u, v)].Count + 1, after2[(u, v)].Distinct);
                (u, v) = (v, w);
            }
        }
    }

    /// <summary>p(w | u v), interpolated down to the add-one unigram.</summary>
    public double Probability(string u, string v, string w)
    {
        double p1 = (unigram.GetValueOrDefault(w) + 1.0) / (tokens + unigram.Count + 1.0);
        double p2 = Interpolate(bigram.GetValueOrDefault((v, w)), after1.GetValueOrDefault(v), p1);
        return Interpolate(trigram.GetValueOrDefault((u, v, w)), after2.GetValueOrDefault((u, v)), p2);
    }

    /// <summary>A sentence's mean −log p per token (its words and the end of sentence).</summary>
    public double MeanNll(string sentence)
    {
        var (u, v) = (Boundary, Boundary);
        double nll = 0;
        int n = 0;
        foreach (var w in Words(sentence))
        {
            nll -= Math.Log(Probability(u, v, w));
            n++;
            (u, v) = (v, w);
        }
        return nll / n;
    }

    /// <summary>exp(mean over sentences of the mean NLL), with a bootstrap interval over sentences.</summary>
    public Metric Score(IReadOnlyList<string> sentences, int seed = 0)
    {
        var nll = sentences.Select(MeanNll).ToArray();
        return Metric.Bootstrap(nll.Length, idx => Math.Exp(idx.Average(i => nll[i])), seed);
    }

    static double Interpolate(int count, (int Count, int Distinct) history, double lower) =>
        history.Count == 0 ? lower : (Math.Max(count - D, 0) + D * history.Distinct * lower) / history.Count;

    static bool Add<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull
    {
        int before = counts.GetValueOrDefault(key);
        counts[key] = before + 1;
        return before == 0;
    }

    static IEnumerable<string> Words(string sentence) =>
        sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(Boundary);
}
