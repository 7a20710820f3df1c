namespace TextDiffusion.Data;

/// <summary>A Diffusion-LM span control target: the source sentence (with START/END markers) and its spans.</summary>
public sealed record SpanTarget(IReadOnlyList<string> Words, IReadOnlyList<SpanConstraint> Spans)
{
    /// <summary>The words without START/END, the sequence span indices refer to.</summary>
    public IReadOnlyList<string> SentenceWords =>
        Words.Where(w => w != PosTarget.Start && w != PosTarget.End).ToList();
}

/// <summary>
/// A syntactic-span control target: words <see cref="Start"/>..<see cref="End"/> (0-based, inclusive,
/// counted without the START marker) must form a constituent labelled <see cref="Label"/> (e.g. "PP").
/// </summary>
public sealed record SpanConstraint(int Start, int End, string Label);
