namespace TextDiffusion.Evaluation;

/// <summary>
/// Labelled-bracket counts and the scores EVALB prints from them, in percent. When neither tree has a
/// bracket the trees agree trivially: precision, recall and F1 are 100.
/// </summary>
public sealed record BracketScore(int Matched, int Gold, int Predicted)
{
    /// <summary>Matched / predicted brackets, in percent.</summary>
    public double Precision => Predicted == 0 ? (Gold == 0 ? 100 : 0) : 100.0 * Matched / Predicted;

    /// <summary>Matched / gold brackets, in percent.</summary>
    public double Recall => Gold == 0 ? (Predicted == 0 ? 100 : 0) : 100.0 * Matched / Gold;

    /// <summary>Harmonic mean of precision and recall, in percent.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Summed counts (EVALB's corpus totals).</summary>
    public static BracketScore operator +(BracketScore a, BracketScore b) =>
        new(a.Matched + b.Matched, a.Gold + b.Gold, a.Predicted + b.Predicted);
}
