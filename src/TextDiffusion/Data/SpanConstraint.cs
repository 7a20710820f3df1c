namespace TextDiffusion.Data;

/// <summary>
/// A syntactic-span control target: words <see cref="Start"/>..<see cref="End"/> (0-based, inclusive,
/// counted without the START marker) must form a constituent labelled <see cref="Label"/> (e.g. "PP").
/// </summary>
public sealed record SpanConstraint(int Start, int End, string Label);
