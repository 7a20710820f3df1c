using TextDiffusion.Syntax;

namespace TextDiffusion.Evaluation;

/// <summary>
/// EVALB-style labelled bracket precision, recall and F1 between a gold and a predicted constituency tree
/// (Diffusion-LM's syntax-tree control: the generated sentence's parse against the target parse).
/// Brackets are compared as a multiset of (label, start, end). By default (<see cref="BracketOptions.Evalb"/>,
/// as EVALB's COLLINS.prm) the root phrase counts, POS nodes do not, punctuation words are deleted before
/// positions are counted, function tags are stripped (NP-SBJ = NP) and PRT = ADVP. Unlike EVALB, trees over
/// different words are not rejected: brackets are compared by position, which is what a control target needs
/// (a generated sentence need not repeat the target's words or length).
/// </summary>
public static class TreeF1
{
    /// <summary>One sentence's bracket counts and scores.</summary>
    public static BracketScore Sentence(ConstituencyTree gold, ConstituencyTree predicted, BracketOptions? options = null)
    {
        options ??= BracketOptions.Evalb;
        var goldBrackets = Count(gold.Brackets(options));
        var predictedBrackets = Count(predicted.Brackets(options));
        int matched = goldBrackets.Sum(kv => Math.Min(kv.Value, predictedBrackets.GetValueOrDefault(kv.Key)));
        return new BracketScore(matched, goldBrackets.Values.Sum(), predictedBrackets.Values.Sum());
    }

    /// <summary>Corpus scores from summed counts, as EVALB's summary reports them.</summary>
    public static BracketScore Corpus(IEnumerable<(ConstituencyTree Gold, ConstituencyTree Predicted)> pairs, BracketOptions? options = null) =>
        pairs.Aggregate(new BracketScore(0, 0, 0), (total, p) => total + Sentence(p.Gold, p.Predicted, options));

    /// <summary>Mean of per-sentence F1 (percent): each generated sample scored on its own.</summary>
    public static double MeanSentenceF1(IEnumerable<(ConstituencyTree Gold, ConstituencyTree Predicted)> pairs, BracketOptions? options = null)
    {
        var scores = pairs.Select(p => Sentence(p.Gold, p.Predicted, options).F1).ToList();
        return scores.Count == 0 ? 0 : scores.Average();
    }

    /// <summary>EVALB's label equivalences: function tags and indices stripped (NP-SBJ-1 → NP), PRT = ADVP;
    /// each part of a collapsed chain ("S::NP") on its own.</summary>
    public static string NormalizeLabel(string label) =>
        string.Join("::", label.Split("::").Select(part =>
        {
            int cut = part.IndexOfAny(['-', '=']);
            string core = cut > 0 ? part[..cut] : part;
            return core == "PRT" ? "ADVP" : core;
        }));

    static Dictionary<(string, int, int), int> Count(IEnumerable<LabeledSpan> brackets)
    {
        var counts = new Dictionary<(string, int, int), int>();
        foreach (var b in brackets)
        {
            var key = (NormalizeLabel(b.Label), b.Start, b.End);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }
}
