using TextDiffusion.Data;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// Sentences (or short documents, one per line) ready for the sentence-level models (Diffusion-LM, MDLM, the
/// AR LM): a word-level vocabulary from the training side, and each sentence as BOS w… EOS PAD… of fixed
/// length, as Diffusion-LM pads E2E. <see cref="E2eCorpus"/> is the E2E instance; <see cref="FromLines"/>
/// makes one from a user's text file.
/// </summary>
public class SentenceCorpus
{
    public WordTokenizer Tokenizer { get; }
    public int SequenceLength { get; }
    public IReadOnlyList<string> TrainSentences { get; }
    public IReadOnlyList<string> EvalSentences { get; }
    /// <summary>Training sentences as rows of <see cref="SequenceLength"/> ids (longer ones are truncated, counted in <see cref="Truncated"/>).</summary>
    public IReadOnlyList<long[]> TrainRows { get; }
    public int Truncated { get; }

    protected SentenceCorpus(IReadOnlyList<string> train, IReadOnlyList<string> eval, WordTokenizer tokenizer, int sequenceLength)
    {
        if (sequenceLength < 3) throw new ArgumentOutOfRangeException(nameof(sequenceLength), sequenceLength, "a row needs BOS, a word and EOS: at least 3 tokens");
        Tokenizer = tokenizer;
        SequenceLength = sequenceLength;
        TrainSentences = train;
        EvalSentences = eval;
        TrainRows = TrainSentences.Select(Row).ToList();
        Truncated = TrainSentences.Count(s => tokenizer.Encode(s).Length + 2 > sequenceLength);
    }

    /// <summary>
    /// A corpus from the non-empty lines of a user's file: the last <paramref name="heldOutFraction"/> of them held out
    /// (at least one), the vocabulary from the rest (words seen at least <paramref name="minCount"/> times), or
    /// <paramref name="tokenizer"/> when given (a saved model's).
    /// </summary>
    public static SentenceCorpus FromLines(IReadOnlyList<string> lines, int sequenceLength, int minCount = 1,
        double heldOutFraction = 0.05, WordTokenizer? tokenizer = null)
    {
        if (lines.Count < 2) throw new ArgumentException($"a corpus needs at least 2 lines (one to train on, one held out), got {lines.Count}", nameof(lines));
        int heldOut = Math.Clamp((int)Math.Round(lines.Count * heldOutFraction), 1, lines.Count - 1);
        var train = lines.Take(lines.Count - heldOut).ToList();
        return new SentenceCorpus(train, lines.Skip(train.Count).ToList(), tokenizer ?? WordTokenizer.Train(train, minCount), sequenceLength);
    }

    /// <summary>A corpus holding only a tokenizer and a length: enough to encode and decode for a saved model.</summary>
    public static SentenceCorpus ForDecoding(WordTokenizer tokenizer, int sequenceLength) => new([], [], tokenizer, sequenceLength);

    public int VocabSize => Tokenizer.VocabSize;

    /// <summary>BOS w_1 … w_n EOS PAD … (length <see cref="SequenceLength"/>; EOS kept when truncating).</summary>
    public long[] Row(string sentence)
    {
        var ids = Tokenizer.EncodeWithBosEos(sentence);
        if (ids.Length > SequenceLength) ids = [.. ids[..(SequenceLength - 1)], SpecialTokens.Eos];
        var row = new long[SequenceLength];
        for (int i = 0; i < ids.Length; i++) row[i] = ids[i];
        return row;
    }

    /// <summary>Rows of several sentences as one [N, L] int64 tensor.</summary>
    public Tensor Encode(IReadOnlyList<string> sentences, Device? device = null) =>
        torch.Tensor(sentences.SelectMany(Row).ToArray(), [sentences.Count, SequenceLength], device);

    /// <summary>
    /// A training batch [B, L] for <paramref name="step"/>: rows drawn with a generator seeded by
    /// (seed, step), so a resumed run sees exactly the batches of an uninterrupted one.
    /// </summary>
    public Tensor TrainBatch(int step, int batchSize, ulong seed, Device? device = null)
    {
        var random = new Pcg32(seed * 7919UL + (ulong)step);
        var ids = new long[batchSize * SequenceLength];
        for (int b = 0; b < batchSize; b++)
            TrainRows[random.NextInt(TrainRows.Count)].CopyTo(ids, b * SequenceLength);
        return torch.Tensor(ids, [batchSize, SequenceLength], device);
    }

    /// <summary>Words of a generated row: stops at the first EOS, drops BOS/PAD.</summary>
    public string Decode(ReadOnlySpan<long> row)
    {
        var words = new List<int>();
        foreach (long id in row)
        {
            if (id == SpecialTokens.Eos) break;
            if (id is SpecialTokens.Bos or SpecialTokens.Pad) continue;
            words.Add((int)id);
        }
        return Tokenizer.Decode(words);
    }

    /// <summary>Decodes every row of an [N, L] id tensor.</summary>
    public List<string> DecodeRows(Tensor ids)
    {
        using var asLong = ids.To(DType.Int64);
        var flat = asLong.ToArray<long>();
        long length = ids.Size(1);
        return Enumerable.Range(0, (int)ids.Size(0)).Select(i => Decode(flat.AsSpan(i * (int)length, (int)length))).ToList();
    }
}
