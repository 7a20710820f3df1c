using TextDiffusion.Evaluation;
using TextDiffusion.Reporting;

namespace TextDiffusion.Infilling;

/// <summary>
/// How close a system's middles are to the αNLG gold middles: corpus BLEU (sacreBLEU defaults, every gold
/// middle of an example is a reference), ROUGE-L F1 (the best F1 over an example's references, averaged
/// over examples, as multi-reference ROUGE is usually reported) and CIDEr-D as the αNLG evaluation computes it
/// (<see cref="Evaluation.Cider"/>: idf from the evaluated examples' gold middles), all three ×100 as the paper's table
/// prints them (its CIDEr 30.7 is the scorer's 0.307), each with a 95 % bootstrap interval over examples. BERTScore, the paper's fourth column, is not computed: it needs BERT
/// weights, which this offline machine does not have.
/// </summary>
public sealed record InfillingScore(Metric Bleu, Metric RougeL, Metric Cider, BleuScore BleuDetail)
{
    public static InfillingScore Of(IReadOnlyList<string> middles, IReadOnlyList<IReadOnlyList<string>> references, int seed = 0)
    {
        var bleu = Evaluation.Bleu.CorpusBootstrap(middles, references, seed);
        var rouge = middles.Select((m, i) => 100 * references[i].Max(r => Rouge.L(m, r).F1));
        var cider = Evaluation.Cider.PerExample(middles, references).Select(c => 100 * c);   // idf from all examples' references
        return new InfillingScore(bleu, Metric.Bootstrap(rouge, seed), Metric.Bootstrap(cider, seed), Evaluation.Bleu.Corpus(middles, references));
    }
}
