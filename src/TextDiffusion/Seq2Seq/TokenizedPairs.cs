using TextDiffusion.Data;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Source/target pairs as token ids (no BOS/EOS; the models add what they need), with the text of
/// the targets kept as references for BLEU and ROUGE.
/// </summary>
public sealed record TokenizedPairs(IReadOnlyList<int[]> Sources, IReadOnlyList<int[]> Targets, IReadOnlyList<string> References)
{
    public int Count => Sources.Count;

    /// <summary>Encodes <paramref name="pairs"/> with <paramref name="tokenizer"/>; the references are the raw targets.</summary>
    public static TokenizedPairs Encode(IEnumerable<SentencePair> pairs, Tokenizer tokenizer)
    {
        var list = pairs.ToList();
        return new TokenizedPairs(list.Select(p => tokenizer.Encode(p.Source)).ToArray(),
            list.Select(p => tokenizer.Encode(p.Target)).ToArray(), list.Select(p => p.Target).ToArray());
    }

    /// <summary>Pairs from ids alone (toy tasks); the references are the target ids written out.</summary>
    public static TokenizedPairs FromIds(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets) =>
        new(sources, targets, targets.Select(t => string.Join(' ', t)).ToArray());

    /// <summary>The first <paramref name="count"/> pairs (or all).</summary>
    public TokenizedPairs Take(int count) =>
        new(Sources.Take(count).ToArray(), Targets.Take(count).ToArray(), References.Take(count).ToArray());

    /// <summary>How often each token id occurs on the target side.</summary>
    public long[] TargetFrequencies(int vocabSize)
    {
        var counts = new long[vocabSize];
        foreach (var t in Targets)
            foreach (var id in t) counts[id]++;
        return counts;
    }
}
