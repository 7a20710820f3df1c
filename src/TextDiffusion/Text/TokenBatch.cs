using Torch;

namespace TextDiffusion.Text;

/// <summary>
/// A padded batch of token sequences as plain arrays: <see cref="Ids"/> is row-major
/// [<see cref="BatchSize"/>, <see cref="Length"/>], padded with <see cref="SpecialTokens.Pad"/>;
/// <see cref="Mask"/> is true at real tokens and false at padding. <see cref="Indices"/> says which
/// examples of the dataset the rows are.
/// </summary>
public sealed class TokenBatch
{
    public TokenBatch(long[] ids, bool[] mask, int batchSize, int length, int[] lengths, int[] indices)
    {
        if (ids.Length != (long)batchSize * length || mask.Length != ids.Length)
            throw new ArgumentException($"ids ({ids.Length}) and mask ({mask.Length}) must hold {batchSize} x {length} entries");
        if (lengths.Length != batchSize || indices.Length != batchSize)
            throw new ArgumentException("lengths and indices need one entry per row");
        (Ids, Mask, BatchSize, Length, Lengths, Indices) = (ids, mask, batchSize, length, lengths, indices);
    }

    /// <summary>Token ids, row-major, padded with PAD.</summary>
    public long[] Ids { get; }

    /// <summary>True at real tokens, false at padding; same layout as <see cref="Ids"/>.</summary>
    public bool[] Mask { get; }

    /// <summary>Number of rows.</summary>
    public int BatchSize { get; }

    /// <summary>Number of columns (the longest row, or the fixed length asked for).</summary>
    public int Length { get; }

    /// <summary>Real (unpadded) length of each row.</summary>
    public int[] Lengths { get; }

    /// <summary>Dataset index of each row.</summary>
    public int[] Indices { get; }

    /// <summary>The id at (row, column).</summary>
    public long this[int row, int column] => Ids[row * Length + column];

    /// <summary>The real tokens of a row, padding removed.</summary>
    public int[] GetRow(int row) => Ids.Skip(row * Length).Take(Lengths[row]).Select(id => (int)id).ToArray();

    /// <summary>
    /// Pads <paramref name="sequences"/> into a batch. The length is the longest sequence, or
    /// <paramref name="padTo"/> when given (then no sequence may be longer).
    /// </summary>
    public static TokenBatch Collate(IReadOnlyList<int[]> sequences, int? padTo = null, int[]? indices = null)
    {
        if (sequences.Count == 0) throw new ArgumentException("a batch needs at least one sequence", nameof(sequences));
        int longest = sequences.Max(s => s.Length);
        int length = padTo ?? longest;
        if (longest > length) throw new ArgumentException($"a sequence of {longest} tokens does not fit the fixed length {length}; truncate first");
        var ids = new long[sequences.Count * length];
        var mask = new bool[ids.Length];
        var lengths = new int[sequences.Count];
        for (int r = 0; r < sequences.Count; r++)
        {
            var seq = sequences[r];
            lengths[r] = seq.Length;
            for (int c = 0; c < seq.Length; c++)
            {
                ids[r * length + c] = seq[c];
                mask[r * length + c] = true;
            }
        }
        return new TokenBatch(ids, mask, sequences.Count, length, lengths, indices ?? Enumerable.Range(0, sequences.Count).ToArray());
    }

    /// <summary>
    /// The batch as tensors: ids (int64) and mask (bool), both shaped [BatchSize, Length]. The caller
    /// owns (and disposes) them.
    /// </summary>
    public (Tensor Ids, Tensor Mask) ToTensors(Device? device = null)
    {
        long[] shape = [BatchSize, Length];
        var ids = torch.Tensor(Ids, shape, device);
        try
        {
            return (ids, torch.Tensor(Mask, shape, device));
        }
        catch
        {
            ids.Dispose();
            throw;
        }
    }
}
