namespace TextDiffusion.Syntax;

/// <summary>A tagged sentence: one <see cref="PennToken"/> and one Universal POS tag per input word, in order.</summary>
public sealed record TaggedSentence(IReadOnlyList<PennToken> Tokens, IReadOnlyList<string> Upos)
{
    /// <summary>The input words.</summary>
    public IReadOnlyList<string> Words => Tokens.Select(t => t.Word).ToList();

    /// <summary>The Penn Treebank tags.</summary>
    public IReadOnlyList<string> PennTags => Tokens.Select(t => t.Tag).ToList();

    public override string ToString() => string.Join(" ", Tokens.Zip(Upos, (t, u) => $"{t.Word}/{u}"));
}
