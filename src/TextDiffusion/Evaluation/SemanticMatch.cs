using TextDiffusion.Data;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's semantic-content control, "exact value match": the target field's value (e.g. "The Rice
/// Boat", "£ 20 - 25") must appear in the generated sentence as a contiguous run of tokens, compared
/// case-insensitively (the E2E model writes lower case). Only the value is looked for, not the field name,
/// so values that are not words of the sentence ("family friendly : yes") are rarely matched, as in the
/// paper's metric.
/// </summary>
public static class SemanticMatch
{
    /// <summary>True when the target's value tokens occur contiguously in <paramref name="generatedWords"/>.</summary>
    public static bool IsSatisfied(IReadOnlyList<string> generatedWords, AttributeTarget target) =>
        ContainsRun(generatedWords, target.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when <paramref name="run"/> (non-empty) occurs contiguously in <paramref name="words"/>, ignoring case.</summary>
    public static bool ContainsRun(IReadOnlyList<string> words, IReadOnlyList<string> run)
    {
        if (run.Count == 0) throw new ArgumentException("empty value", nameof(run));
        for (int s = 0; s + run.Count <= words.Count; s++)
        {
            int k = 0;
            while (k < run.Count && string.Equals(words[s + k], run[k], StringComparison.OrdinalIgnoreCase)) k++;
            if (k == run.Count) return true;
        }
        return false;
    }

    /// <summary>Success rate in percent over (generated words, target) pairs.</summary>
    public static double SuccessRate(IEnumerable<(IReadOnlyList<string> Generated, AttributeTarget Target)> samples) =>
        ControlSuccess.Rate(samples.Select(s => IsSatisfied(s.Generated, s.Target)));
}
