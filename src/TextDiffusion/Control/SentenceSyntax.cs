namespace TextDiffusion.Control;

/// <summary>What the syntax oracles say about one sentence: its words, their Universal POS tags and its constituents.</summary>
public sealed record SentenceSyntax(IReadOnlyList<string> Words, IReadOnlyList<string> Upos, IReadOnlyList<Bracket> Brackets);
