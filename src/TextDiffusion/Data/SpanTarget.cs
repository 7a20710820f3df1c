namespace TextDiffusion.Data;

/// <summary>A Diffusion-LM span control target: the source sentence (with START/END markers) and its spans.</summary>
public sealed record SpanTarget(IReadOnlyList<string> Words, IReadOnlyList<SpanConstraint> Spans)
{
    /// <summary>The words without START/END, the sequence span indices refer to.</summary>
    public IReadOnlyList<string> SentenceWords =>
        Words.Where(w => w != PosTarget.Start && w != PosTarget.End).ToList();
}
