using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;

namespace TextDiffusion.Tests.Seq2Seq;

/// <summary>The toy fixture: copy a random sequence of ordinary tokens (ids from <see cref="SpecialTokens.Count"/> to V−1).</summary>
internal static class CopyTask
{
    public static TokenizedPairs Corpus(int count, int vocabSize, int minLength, int maxLength, int seed)
    {
        var rng = new Random(seed);
        var rows = Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, rng.Next(minLength, maxLength + 1)).Select(_ => rng.Next(SpecialTokens.Count, vocabSize)).ToArray())
            .ToArray();
        return TokenizedPairs.FromIds(rows, rows);
    }

    public static IReadOnlyList<string> Text(IEnumerable<int[]> rows) => rows.Select(r => string.Join(' ', r)).ToList();
}
