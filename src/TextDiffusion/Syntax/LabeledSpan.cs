namespace TextDiffusion.Syntax;

/// <summary>
/// One labelled bracket of a constituency tree: words <see cref="Start"/>..<see cref="End"/>, 0-based and
/// <b>inclusive</b> (the convention of Diffusion-LM's span targets, <see cref="Data.SpanConstraint"/>).
/// </summary>
public sealed record LabeledSpan(string Label, int Start, int End)
{
    /// <summary>Number of words covered.</summary>
    public int Length => End - Start + 1;

    public override string ToString() => $"[{Start}, {End}, {Label}]";
}
