using TextDiffusion.Evaluation;
using TextDiffusion.Reporting;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// What one system produced on one test set, with the decoding wall time: BLEU (sacreBLEU-compatible),
/// ROUGE-1/2/L F1 and decoding speed in sentences per second.
/// </summary>
public sealed record SystemOutput(string System, string TestSet, IReadOnlyList<string> Hypotheses, IReadOnlyList<string> References,
    double DecodeSeconds)
{
    public int Sentences => Hypotheses.Count;

    public double SentencesPerSecond => Sentences / Math.Max(DecodeSeconds, 1e-9);

    public BleuScore Bleu() => Evaluation.Bleu.Corpus(Hypotheses, ReferenceSets);

    /// <summary>Corpus BLEU with its 95 % percentile-bootstrap interval over sentences, for comparisons and claims.</summary>
    public Metric BleuInterval(int seed = 0) => Evaluation.Bleu.CorpusBootstrap(Hypotheses, ReferenceSets, seed);

    List<IReadOnlyList<string>> ReferenceSets => References.Select(r => (IReadOnlyList<string>)[r]).ToList();

    /// <summary>The share of the hypotheses' words that repeat the word before them ("the the"): a symptom of parallel decoding.</summary>
    public double RepeatedWordShare() => RepeatedWords(Hypotheses);

    /// <summary>The same share in the references.</summary>
    public double ReferenceRepeatedWordShare() => RepeatedWords(References);

    /// <summary>Σ #{i ≥ 1 : w_i = w_{i−1}} / Σ (n − 1) over whitespace-split texts (0 when no text has two words).</summary>
    public static double RepeatedWords(IEnumerable<string> texts)
    {
        long repeats = 0, pairs = 0;
        foreach (var text in texts)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int i = 1; i < words.Length; i++) repeats += words[i] == words[i - 1] ? 1 : 0;
            pairs += Math.Max(0, words.Length - 1);
        }
        return pairs == 0 ? 0 : (double)repeats / pairs;
    }

    /// <summary>Mean sentence ROUGE-1, ROUGE-2 and ROUGE-L F1, × 100.</summary>
    public (double Rouge1, double Rouge2, double RougeL) Rouge()
    {
        double Mean(Func<string[], string[], RougeScore> f) => PerSentence(f).Average();
        return (Mean((h, r) => Evaluation.Rouge.N(h, r, 1)), Mean((h, r) => Evaluation.Rouge.N(h, r, 2)), Mean(Evaluation.Rouge.L));
    }

    /// <summary>Mean sentence ROUGE-L F1 (× 100) with its 95 % percentile-bootstrap interval over sentences.</summary>
    public Metric RougeLInterval(int seed = 0) => Metric.Bootstrap(PerSentence(Evaluation.Rouge.L), seed);

    IEnumerable<double> PerSentence(Func<string[], string[], RougeScore> f) =>
        Hypotheses.Zip(References).Select(p => 100 * f(Evaluation.Rouge.Tokenize(p.First), Evaluation.Rouge.Tokenize(p.Second)).F1);
}
