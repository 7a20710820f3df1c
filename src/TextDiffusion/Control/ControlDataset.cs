namespace TextDiffusion.Control;

/// <summary>
/// Training examples of one control classifier: each sentence's id row [L] and its control target
/// (built on demand: a dense span target is L×L), whose shape is <see cref="TargetShape"/>.
/// </summary>
public sealed record ControlDataset(IReadOnlyList<long[]> Rows, Func<int, long[]> Target, long[] TargetShape)
{
    public int Count => Rows.Count;
}
