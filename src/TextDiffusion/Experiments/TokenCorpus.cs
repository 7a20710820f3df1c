using TextDiffusion.Data;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// A language-modelling corpus as fixed-length blocks of token ids 0..V−1 (train and held-out), with
/// the tokenizer that made them. Held-out blocks come from the end of the text, never seen in training.
/// </summary>
public sealed record TokenCorpus(string Name, string Note, Tokenizer Tokenizer, int BlockLength, long[][] Train, long[][] HeldOut)
{
    public int VocabSize => Tokenizer.VocabSize;

    /// <summary>All training ids in order (for the data's entropy).</summary>
    public IReadOnlyList<long> TrainStream => Train.SelectMany(b => b).ToArray();

    /// <summary>Blocks as an int64 tensor [N, L] (at most <paramref name="max"/> of them).</summary>
    public static Tensor ToTensor(IReadOnlyList<long[]> blocks, int max = int.MaxValue)
    {
        int n = Math.Min(blocks.Count, max);
        if (n == 0) throw new ArgumentException("no blocks");
        int l = blocks[0].Length;
        var flat = new long[n * l];
        for (int i = 0; i < n; i++) Array.Copy(blocks[i], 0, flat, i * l, l);
        return torch.Tensor(flat, [n, l]);
    }

    /// <summary>The text of one block (special tokens dropped).</summary>
    public string Decode(IEnumerable<long> ids) => Tokenizer.Decode(ids.Select(i => (int)i));

    /// <summary>
    /// WikiText-2 (valid + test, the splits available here) tokenised with BPE learned on the training part; documents
    /// (paragraphs) are joined with EOS and cut into blocks. The last <paramref name="heldOutFraction"/> of the lines is held out.
    /// </summary>
    public static TokenCorpus WikiText2Bpe(int blockLength, int merges, int? maxLines = null, double heldOutFraction = 0.1)
    {
        var lines = LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Valid))
            .Concat(LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Test)))
            .Take(maxLines ?? int.MaxValue).ToList();
        int split = (int)(lines.Count * (1 - heldOutFraction));
        var tokenizer = BpeTokenizer.Train(lines.Take(split), new BpeTrainingOptions(merges));
        return new TokenCorpus("WikiText-2 (BPE)",
            "stand-in for OpenWebText: WikiText-2 valid+test only (the train split is not on this machine); BPE learned here",
            tokenizer, blockLength, Blocks(lines.Take(split), tokenizer, blockLength, SpecialTokens.Eos),
            Blocks(lines.Skip(split), tokenizer, blockLength, SpecialTokens.Eos));
    }

    /// <summary>
    /// Characters of WikiText-2 normalised the way text8 was made (a–z and space), as the stand-in for text8;
    /// one continuous stream cut into blocks, the last <paramref name="heldOutFraction"/> held out.
    /// </summary>
    public static TokenCorpus Text8Characters(int blockLength, int? maxLines = null, double heldOutFraction = 0.1)
    {
        var lines = LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Valid))
            .Concat(LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Test)))
            .Take(maxLines ?? int.MaxValue).ToList();
        int split = (int)(lines.Count * (1 - heldOutFraction));
        string train = Text8Normalizer.Normalize(lines.Take(split)), heldOut = Text8Normalizer.Normalize(lines.Skip(split));
        var tokenizer = CharTokenizer.Train([train]);
        return new TokenCorpus("text8-style characters",
            "stand-in for text8: WikiText-2 valid+test normalised like text8 (a–z, space); text8 itself is not on this machine",
            tokenizer, blockLength, Blocks([train], tokenizer, blockLength, null), Blocks([heldOut], tokenizer, blockLength, null));
    }

    static long[][] Blocks(IEnumerable<string> documents, Tokenizer tokenizer, int length, int? separator) =>
        FixedLengthBlocks.Split(documents.Select(tokenizer.Encode), length, separator)
            .Select(b => b.Select(i => (long)i).ToArray()).ToArray();
}
