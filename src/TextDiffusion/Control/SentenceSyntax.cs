using TextDiffusion.Syntax;

namespace TextDiffusion.Control;

/// <summary>What the syntax oracles say about one sentence: its words, their Universal POS tags and its parse.</summary>
public sealed record SentenceSyntax(IReadOnlyList<string> Words, IReadOnlyList<string> Upos, ConstituencyTree Tree)
{
    /// <summary>The parse's constituents as the span classifier sees them: raw word positions, root included, unary chains as one "S::NP" label.</summary>
    public IReadOnlyList<LabeledSpan> Brackets => Tree.Brackets(ControlBrackets);

    /// <summary>Bracket options of the span classifier and of span targets (the format of target_spans.json).</summary>
    public static BracketOptions ControlBrackets { get; } = new(IncludeRoot: true, CollapseUnaryChains: true);

    /// <summary>Tags and parses a sentence given as words; <paramref name="untimed"/>: parsed without the parser's time limit.</summary>
    public static SentenceSyntax Of(ControlOracles oracles, IReadOnlyList<string> words, bool untimed = false) =>
        new(words, words.Count == 0 ? [] : oracles.Upos(words), words.Count == 0 ? ConstituencyTree.Flat([]) : oracles.Parse(words, untimed));
}
