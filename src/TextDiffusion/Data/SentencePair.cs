namespace TextDiffusion.Data;

/// <summary>A source sentence and its target: a translation pair, or an article and its headline.</summary>
public sealed record SentencePair(string Source, string Target);
