namespace TextDiffusion.Evaluation;

/// <summary>
/// Minimum Bayes risk decoding: among S candidates, return argmin_w Σ_{w'} L(w, w') with
/// L = −BLEU(w, w'), i.e. the candidate that agrees most with the others.
/// </summary>
public static class Mbr
{
    public static int SelectIndex(IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0) throw new ArgumentException("MBR needs at least one candidate");
        var tokens = candidates.Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        int best = 0;
        double bestRisk = double.PositiveInfinity;
        for (int i = 0; i < tokens.Length; i++)
        {
            double risk = 0;
            for (int j = 0; j < tokens.Length; j++)
                if (i != j) risk -= Bleu.Sentence(tokens[i], [tokens[j]]);
            if (risk < bestRisk)
            {
                bestRisk = risk;
                best = i;
            }
        }
        return best;
    }

    public static string Select(IReadOnlyList<string> candidates) => candidates[SelectIndex(candidates)];
}
