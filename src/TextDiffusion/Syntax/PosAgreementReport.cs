using System.Globalization;
using System.Text;

namespace TextDiffusion.Syntax;

/// <summary>Agreement on one gold tag: how often it was predicted, and rightly.</summary>
public sealed record TagAgreement(string Tag, int Gold, int Predicted, int Correct)
{
    /// <summary>Correct / predicted, in percent (0 when never predicted).</summary>
    public double Precision => Predicted == 0 ? 0 : 100.0 * Correct / Predicted;

    /// <summary>Correct / gold, in percent (0 when absent from the gold tags).</summary>
    public double Recall => Gold == 0 ? 0 : 100.0 * Correct / Gold;
}

/// <summary>One kind of disagreement: gold tag, predicted tag, how often, and a few of the words.</summary>
public sealed record TagConfusion(string Gold, string Predicted, int Count, IReadOnlyList<string> Examples);

/// <summary>
/// Word-level agreement of a tagger with gold Universal POS tags (<see cref="PosAgreement.Measure"/>):
/// overall, per gold tag, and the most frequent confusions. <see cref="ToString"/> prints it as a table.
/// </summary>
public sealed record PosAgreementReport(
    int Sentences, int Words, int Agreed, bool Lowercased,
    IReadOnlyList<TagAgreement> PerTag, IReadOnlyList<TagConfusion> Confusions)
{
    /// <summary>Agreed / words, in percent.</summary>
    public double Accuracy => Words == 0 ? 0 : 100.0 * Agreed / Words;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(c, "UPOS agreement: {0:F2}% ({1}/{2} words, {3} sentences{4})",
            Accuracy, Agreed, Words, Sentences, Lowercased ? ", words lower-cased" : ""));
        sb.AppendLine("tag     gold  pred  correct  precision  recall");
        foreach (var t in PerTag)
            sb.AppendLine(string.Format(c, "{0,-6} {1,5} {2,5} {3,8} {4,9:F1}% {5,6:F1}%",
                t.Tag, t.Gold, t.Predicted, t.Correct, t.Precision, t.Recall));
        sb.AppendLine("most frequent confusions (gold -> predicted):");
        foreach (var k in Confusions.Take(12))
            sb.AppendLine(string.Format(c, "  {0,-6} -> {1,-6} {2,4}  e.g. {3}", k.Gold, k.Predicted, k.Count, string.Join(", ", k.Examples)));
        return sb.ToString();
    }
}
