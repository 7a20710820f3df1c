namespace TextDiffusion.Evaluation;

/// <summary>
/// Flags degenerate samples: UNK-heavy (more than <see cref="MaxUnkFraction"/> of the tokens) or a
/// token repeated more than three times in a row.
/// </summary>
public static class Degeneracy
{
    public const double MaxUnkFraction = 0.2;

    public static bool IsDegenerate(string[] tokens, string unk = "UNK")
    {
        if (tokens.Length == 0) return true;
        if ((double)tokens.Count(t => t == unk) / tokens.Length > MaxUnkFraction) return true;
        int run = 1;
        for (int i = 1; i < tokens.Length; i++)
        {
            run = tokens[i] == tokens[i - 1] ? run + 1 : 1;
            if (run > 3) return true;
        }
        return false;
    }
}
