namespace TextDiffusion.Text;

/// <summary>
/// Turns a list of token sequences into padded batches: optionally shuffled (deterministically, from
/// the seed and the epoch), optionally bucketed by length, optionally truncated and padded to a fixed
/// length. The same options, data and epoch always give the same batches, on any machine.
/// </summary>
public sealed class Batcher(BatchingOptions options)
{
    public BatchingOptions Options { get; } = options.BatchSize > 0
        ? options
        : throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "batch size must be positive");

    /// <summary>
    /// The dataset indices of each batch for one epoch, given each example's length. Without bucketing
    /// this is a (shuffled) permutation cut into batches. With bucketing, shuffled examples are taken in
    /// pools of <see cref="BatchingOptions.BucketPoolBatches"/> batches, each pool is sorted by length and
    /// cut into batches, and the batches are shuffled.
    /// </summary>
    public IReadOnlyList<int[]> BatchIndices(IReadOnlyList<int> lengths, int epoch = 0)
    {
        var rng = new Pcg32(Options.Seed, (ulong)epoch);
        var order = Enumerable.Range(0, lengths.Count).ToList();
        if (Options.Shuffle) rng.Shuffle(order);

        if (Options.BucketByLength)
        {
            int pool = Options.Shuffle ? Options.BatchSize * Math.Max(1, Options.BucketPoolBatches) : Math.Max(1, order.Count);
            var sorted = new List<int>(order.Count);
            for (int start = 0; start < order.Count; start += pool)
                sorted.AddRange(order.Skip(start).Take(pool)
                    .Select((index, position) => (index, position))
                    .OrderBy(p => lengths[p.index]).ThenBy(p => p.position) // stable: ties keep shuffled order
                    .Select(p => p.index));
            order = sorted;
        }

        var batches = new List<int[]>();
        for (int start = 0; start < order.Count; start += Options.BatchSize)
        {
            int[] batch = order.Skip(start).Take(Options.BatchSize).ToArray();
            if (batch.Length < Options.BatchSize && Options.DropLast) break;
            batches.Add(batch);
        }
        if (Options.BucketByLength && Options.Shuffle) rng.Shuffle(batches);
        return batches;
    }

    /// <summary>The padded batches of <paramref name="sequences"/> for one epoch.</summary>
    public IEnumerable<TokenBatch> Batches(IReadOnlyList<int[]> sequences, int epoch = 0)
    {
        foreach (int[] batch in BatchIndices(sequences.Select(s => Truncated(s).Length).ToList(), epoch))
            yield return TokenBatch.Collate(batch.Select(i => Truncated(sequences[i])).ToList(), Options.PadTo, batch);
    }

    /// <summary>
    /// Batches of (source, target) pairs for sequence-to-sequence models; bucketing uses the longer
    /// side of each pair. Sources and targets are padded separately.
    /// </summary>
    public IEnumerable<PairBatch> PairBatches(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, int epoch = 0)
    {
        if (sources.Count != targets.Count) throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets");
        var lengths = sources.Zip(targets, (s, t) => Math.Max(Truncated(s).Length, Truncated(t).Length)).ToList();
        foreach (int[] batch in BatchIndices(lengths, epoch))
            yield return new PairBatch(
                TokenBatch.Collate(batch.Select(i => Truncated(sources[i])).ToList(), Options.PadTo, batch),
                TokenBatch.Collate(batch.Select(i => Truncated(targets[i])).ToList(), Options.PadTo, batch));
    }

    private int[] Truncated(int[] sequence) =>
        Options.MaxLength is { } max && sequence.Length > max ? sequence[..max] : sequence;
}

/// <summary>A batch of sequence-to-sequence pairs: row i of <see cref="Source"/> goes with row i of <see cref="Target"/>.</summary>
public sealed record PairBatch(TokenBatch Source, TokenBatch Target);
