namespace TextDiffusion.Data;

/// <summary>
/// A Diffusion-LM part-of-speech control target: a Universal POS tag (spaCy coarse tag) per word.
/// As in the files, <see cref="Words"/> starts with "START" and ends with "END" (tags likewise), and the
/// word before END is often a newline token "\n" from spaCy. <see cref="Content"/> drops those markers.
/// </summary>
/// <param name="Tags">One tag per word, markers included.</param>
/// <param name="Words">The sentence the tags came from, markers included.</param>
public sealed record PosTarget(IReadOnlyList<string> Tags, IReadOnlyList<string> Words)
{
    /// <summary>Sentence-start marker in the files.</summary>
    public const string Start = "START";

    /// <summary>Sentence-end marker in the files.</summary>
    public const string End = "END";

    /// <summary>The (word, tag) pairs without START, END and whitespace-only words.</summary>
    public IReadOnlyList<(string Word, string Tag)> Content =>
        Words.Zip(Tags)
             .Where(p => p.First != Start && p.First != End && !string.IsNullOrWhiteSpace(p.First))
             .Select(p => (p.First, p.Second))
             .ToList();

    /// <summary>Builds a target and checks that tags and words line up.</summary>
    public static PosTarget Create(IReadOnlyList<string> tags, IReadOnlyList<string> words)
    {
        if (tags.Count != words.Count)
            throw new FormatException($"{tags.Count} POS tags for {words.Count} words");
        return new PosTarget(tags, words);
    }
}
