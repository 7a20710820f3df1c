namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's parts-of-speech control: the word-level match of the generated sentence's UPOS tags to the
/// target UPOS sequence. Positions are compared one by one over the <b>target's</b> length: position k
/// counts when the generated sentence has a k-th word and its tag equals the target's k-th tag. A generated
/// sentence shorter than the target gets the missing positions wrong; words beyond the target's length are
/// not scored (they cannot raise the score, and the target defines what is asked).
/// </summary>
public static class PosMatch
{
    /// <summary>Fraction (0–1) of target positions whose tag the generated tags match.</summary>
    public static double Sentence(IReadOnlyList<string> generatedTags, IReadOnlyList<string> targetTags)
    {
        if (targetTags.Count == 0) throw new ArgumentException("the target has no tags", nameof(targetTags));
        int matched = 0;
        for (int k = 0; k < targetTags.Count; k++)
            if (k < generatedTags.Count && generatedTags[k] == targetTags[k]) matched++;
        return (double)matched / targetTags.Count;
    }

    /// <summary>Mean per-sentence match, in percent.</summary>
    public static double Corpus(IEnumerable<(IReadOnlyList<string> Generated, IReadOnlyList<string> Target)> samples)
    {
        var scores = samples.Select(s => Sentence(s.Generated, s.Target)).ToList();
        return scores.Count == 0 ? 0 : 100.0 * scores.Average();
    }

    /// <summary>True when every target position matches (the sentence meets the target exactly).</summary>
    public static bool IsExact(IReadOnlyList<string> generatedTags, IReadOnlyList<string> targetTags) =>
        Sentence(generatedTags, targetTags) == 1.0;
}
