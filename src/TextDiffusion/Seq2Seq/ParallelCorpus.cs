namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Source/target pairs as token ids, with the special ids the models need. <see cref="Batch"/> draws a
/// training batch for a step reproducibly (the same step and seed give the same batch, so a resumed
/// run sees the same data).
/// </summary>
public sealed record ParallelCorpus(IReadOnlyList<int[]> Sources, IReadOnlyList<int[]> Targets, int PadId, int BosId, int EosId)
{
    public int Count => Sources.Count;

    /// <summary><paramref name="size"/> pairs drawn uniformly for <paramref name="step"/>.</summary>
    public (int[][] Sources, int[][] Targets) Batch(int step, int size, ulong seed)
    {
        var rng = new Random(unchecked((int)(seed * 7919 + (ulong)step * 104729)));
        var picked = Enumerable.Range(0, size).Select(_ => rng.Next(Count)).ToArray();
        return (picked.Select(i => Sources[i]).ToArray(), picked.Select(i => Targets[i]).ToArray());
    }

    /// <summary>The first <paramref name="count"/> pairs (or all).</summary>
    public ParallelCorpus Take(int count) =>
        this with { Sources = Sources.Take(count).ToArray(), Targets = Targets.Take(count).ToArray() };

    /// <summary>How often each token id occurs on the target side (for frequency-bucketed statistics).</summary>
    public long[] TargetFrequencies(int vocabSize)
    {
        var counts = new long[vocabSize];
        foreach (var t in Targets)
            foreach (var id in t) counts[id]++;
        return counts;
    }
}
