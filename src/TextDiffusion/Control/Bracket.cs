namespace TextDiffusion.Control;

/// <summary>A labelled constituent over words <see cref="Start"/>…<see cref="End"/> (0-based, inclusive).</summary>
public readonly record struct Bracket(string Label, int Start, int End);
