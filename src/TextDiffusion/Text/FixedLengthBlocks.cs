namespace TextDiffusion.Text;

/// <summary>
/// Language-model corpora are trained on fixed-length blocks: documents' ids are concatenated into
/// one stream (with a separator, EOS by default, after each document) and cut into consecutive blocks
/// of equal length. The final incomplete block is dropped, so every block is full and needs no mask.
/// </summary>
public static class FixedLengthBlocks
{
    /// <summary>Yields blocks of <paramref name="blockLength"/> ids, lazily.</summary>
    public static IEnumerable<int[]> Split(IEnumerable<int[]> documents, int blockLength, int? separator = SpecialTokens.Eos)
    {
        if (blockLength <= 0) throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, "must be positive");
        var block = new int[blockLength];
        int filled = 0;
        foreach (int[] document in documents)
        {
            IEnumerable<int> stream = separator is { } sep ? document.Append(sep) : document;
            foreach (int id in stream)
            {
                block[filled++] = id;
                if (filled == blockLength)
                {
                    yield return block;
                    block = new int[blockLength];
                    filled = 0;
                }
            }
        }
    }

    /// <summary>All blocks as one [count, blockLength] batch-ready array set (no padding, mask all true).</summary>
    public static TokenBatch ToBatch(IReadOnlyList<int[]> blocks, int[]? indices = null) => TokenBatch.Collate(blocks, null, indices);
}
