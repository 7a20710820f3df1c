namespace TextDiffusion.Text;

/// <summary>How examples are grouped into batches.</summary>
/// <param name="BatchSize">Rows per batch.</param>
/// <param name="Seed">Seed of the shuffle; the epoch number selects an independent PCG32 stream.</param>
/// <param name="Shuffle">Shuffle examples (and batch order) each epoch; otherwise keep dataset order.</param>
/// <param name="BucketByLength">Put sequences of similar length together, to waste less padding.</param>
/// <param name="BucketPoolBatches">Bucketing sorts pools of this many batches' worth of shuffled examples, so batches stay random.</param>
/// <param name="DropLast">Drop a final batch smaller than <paramref name="BatchSize"/>.</param>
/// <param name="MaxLength">Truncate sequences longer than this (null: no limit).</param>
/// <param name="PadTo">Pad every batch to this fixed length (null: to the longest row of each batch).</param>
public sealed record BatchingOptions(
    int BatchSize,
    ulong Seed = 0,
    bool Shuffle = true,
    bool BucketByLength = false,
    int BucketPoolBatches = 50,
    bool DropLast = false,
    int? MaxLength = null,
    int? PadTo = null);
