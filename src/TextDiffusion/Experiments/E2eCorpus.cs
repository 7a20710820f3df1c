using TextDiffusion.Data;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// E2E restaurant sentences ready for the models: the project's MR-disjoint split (train on
/// Diffusion-LM's valid file plus part of its test file; see <see cref="E2eSplit"/>), a word-level
/// vocabulary from the training side, and each sentence as BOS w… EOS PAD… of fixed length, as
/// Diffusion-LM pads E2E to 64 tokens.
/// </summary>
public sealed class E2eCorpus
{
    public E2eSplit Split { get; }
    public WordTokenizer Tokenizer { get; }
    public int SequenceLength { get; }
    public IReadOnlyList<string> TrainSentences { get; }
    public IReadOnlyList<string> EvalSentences { get; }
    /// <summary>Training sentences as rows of <see cref="SequenceLength"/> ids (longer ones are truncated, counted in <see cref="Truncated"/>).</summary>
    public IReadOnlyList<long[]> TrainRows { get; }
    public int Truncated { get; }

    E2eCorpus(E2eSplit split, WordTokenizer tokenizer, int sequenceLength)
    {
        Split = split;
        Tokenizer = tokenizer;
        SequenceLength = sequenceLength;
        TrainSentences = split.Train.Select(e => e.Text).ToList();
        EvalSentences = split.Eval.Select(e => e.Text).ToList();
        TrainRows = TrainSentences.Select(Row).ToList();
        Truncated = TrainSentences.Count(s => tokenizer.Encode(s).Length + 2 > sequenceLength);
    }

    /// <summary>Loads the split from the shared data and builds the vocabulary (words seen at least <paramref name="minCount"/> times).</summary>
    public static E2eCorpus Load(int sequenceLength = 64, int minCount = 3)
    {
        var split = E2eSplit.FromDiffusionLmFiles();
        var tokenizer = WordTokenizer.Train(split.Train.Select(e => e.Text), minCount);
        return new E2eCorpus(split, tokenizer, sequenceLength);
    }

    /// <summary>A corpus holding only a tokenizer and a length: enough to encode and decode for a saved model.</summary>
    public static E2eCorpus ForDecoding(WordTokenizer tokenizer, int sequenceLength) => new(new E2eSplit([], []), tokenizer, sequenceLength);

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
