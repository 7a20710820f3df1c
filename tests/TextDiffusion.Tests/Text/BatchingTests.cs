using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class BatchingTests
{
    private static List<int[]> Sequences(int count, ulong seed = 3)
    {
        var rng = new Pcg32(seed);
        return Enumerable.Range(0, count).Select(i => Enumerable.Range(10, 1 + rng.NextInt(30)).ToArray()).ToList();
    }

    [Fact]
    public void Collate_pads_with_pad_and_masks_padding()
    {
        var batch = TokenBatch.Collate([[5, 6, 7], [8]]);
        Assert.Equal((2, 3), (batch.BatchSize, batch.Length));
        Assert.Equal([5L, 6, 7, 8, SpecialTokens.Pad, SpecialTokens.Pad], batch.Ids);
        Assert.Equal([true, true, true, true, false, false], batch.Mask);
        Assert.Equal([3, 1], batch.Lengths);
        Assert.Equal([8], batch.GetRow(1));
        Assert.Equal(7, batch[0, 2]);

        var fixedLength = TokenBatch.Collate([[5, 6]], padTo: 4);
        Assert.Equal([5L, 6, 0, 0], fixedLength.Ids);
        Assert.Throws<ArgumentException>(() => TokenBatch.Collate([[1, 2, 3]], padTo: 2));
    }

    [Fact]
    public void Every_example_appears_once_per_epoch()
    {
        var data = Sequences(103);
        var batches = new Batcher(new BatchingOptions(BatchSize: 10, Seed: 1)).Batches(data).ToList();
        Assert.Equal(11, batches.Count);
        Assert.Equal(Enumerable.Range(0, 103), batches.SelectMany(b => b.Indices).Order());
        foreach (var b in batches)
            for (int r = 0; r < b.BatchSize; r++) Assert.Equal(data[b.Indices[r]], b.GetRow(r));

        var dropped = new Batcher(new BatchingOptions(BatchSize: 10, Seed: 1, DropLast: true)).Batches(data).ToList();
        Assert.Equal(10, dropped.Count);
    }

    [Fact]
    public void Shuffling_is_deterministic_by_seed_and_epoch()
    {
        var lengths = Sequences(200).Select(s => s.Length).ToList();
        var a = new Batcher(new BatchingOptions(BatchSize: 16, Seed: 42));
        var b = new Batcher(new BatchingOptions(BatchSize: 16, Seed: 42));
        var c = new Batcher(new BatchingOptions(BatchSize: 16, Seed: 43));
        Assert.Equal(a.BatchIndices(lengths, epoch: 0), b.BatchIndices(lengths, epoch: 0));
        Assert.NotEqual(a.BatchIndices(lengths, epoch: 0), a.BatchIndices(lengths, epoch: 1));
        Assert.NotEqual(a.BatchIndices(lengths, epoch: 0), c.BatchIndices(lengths, epoch: 0));

        var ordered = new Batcher(new BatchingOptions(BatchSize: 16, Shuffle: false)).BatchIndices(lengths);
        Assert.Equal(Enumerable.Range(0, 16), ordered[0]);
    }

    [Fact]
    public void Bucketing_groups_similar_lengths_and_wastes_less_padding()
    {
        var data = Sequences(1000);
        static long Padding(IEnumerable<TokenBatch> batches) => batches.Sum(b => b.Mask.LongCount(m => !m));
        var plain = new Batcher(new BatchingOptions(BatchSize: 20, Seed: 5)).Batches(data).ToList();
        var bucketed = new Batcher(new BatchingOptions(BatchSize: 20, Seed: 5, BucketByLength: true, BucketPoolBatches: 10)).Batches(data).ToList();
        Assert.Equal(Enumerable.Range(0, 1000), bucketed.SelectMany(b => b.Indices).Order());
        Assert.True(Padding(bucketed) * 4 < Padding(plain), $"bucketed padding {Padding(bucketed)} vs plain {Padding(plain)}");
        var again = new Batcher(new BatchingOptions(BatchSize: 20, Seed: 5, BucketByLength: true, BucketPoolBatches: 10)).Batches(data);
        Assert.Equal(bucketed.Select(b => b.Indices), again.Select(b => b.Indices));

        var sorted = new Batcher(new BatchingOptions(BatchSize: 20, Shuffle: false, BucketByLength: true)).Batches(data).ToList();
        Assert.True(sorted.Zip(sorted.Skip(1)).All(p => p.First.Lengths.Max() <= p.Second.Lengths.Min()));
    }

    [Fact]
    public void Truncation_and_fixed_padding_apply_to_every_batch()
    {
        var data = Sequences(50);
        var batches = new Batcher(new BatchingOptions(BatchSize: 8, MaxLength: 12, PadTo: 12)).Batches(data).ToList();
        Assert.All(batches, b => Assert.Equal(12, b.Length));
        Assert.All(batches, b => Assert.All(b.Lengths, l => Assert.InRange(l, 1, 12)));
    }

    [Fact]
    public void Pair_batches_keep_sources_and_targets_aligned()
    {
        var sources = Sequences(30, seed: 1);
        var targets = Sequences(30, seed: 2);
        var batches = new Batcher(new BatchingOptions(BatchSize: 7, Seed: 9, BucketByLength: true)).PairBatches(sources, targets).ToList();
        Assert.Equal(Enumerable.Range(0, 30), batches.SelectMany(b => b.Source.Indices).Order());
        foreach (var b in batches)
        {
            Assert.Equal(b.Source.Indices, b.Target.Indices);
            for (int r = 0; r < b.Source.BatchSize; r++)
            {
                Assert.Equal(sources[b.Source.Indices[r]], b.Source.GetRow(r));
                Assert.Equal(targets[b.Target.Indices[r]], b.Target.GetRow(r));
            }
        }
        Assert.Throws<ArgumentException>(() => new Batcher(new BatchingOptions(4)).PairBatches(sources, targets.Take(3).ToList()).ToList());
    }

    [Fact]
    public void Lm_blocks_are_full_length_and_separated_by_eos()
    {
        int[][] docs = [[10, 11, 12], [13, 14], [15, 16, 17, 18]];
        var blocks = FixedLengthBlocks.Split(docs, blockLength: 4).ToList();
        // Stream: 10 11 12 EOS 13 14 EOS 15 16 17 18 EOS -> three full blocks.
        Assert.Equal([[10, 11, 12, 2], [13, 14, 2, 15], [16, 17, 18, 2]], blocks);
        Assert.Equal(2, FixedLengthBlocks.Split(docs, blockLength: 4, separator: null).Count());
        var batch = FixedLengthBlocks.ToBatch(blocks);
        Assert.All(batch.Mask, Assert.True);
    }

    [Fact]
    public void Batch_converts_to_int64_and_bool_tensors()
    {
        var batch = TokenBatch.Collate([[5, 6, 7], [8]]);
        var (ids, mask) = batch.ToTensors();
        using (ids)
        using (mask)
        {
            Assert.Equal([2L, 3], ids.Shape);
            Assert.Equal([2L, 3], mask.Shape);
            Assert.Equal(batch.Ids, ids.ToArray<long>());
            Assert.Equal(batch.Mask, mask.ToArray<bool>());
        }
    }
}
