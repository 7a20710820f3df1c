using TextDiffusion.Seq2Seq;

namespace TextDiffusion.Tests.Seq2Seq;

/// <summary>The toy fixture: copy a random sequence of tokens 3 … V−1 (0 = pad, 1 = BOS, 2 = EOS).</summary>
internal static class CopyTask
{
    public const int Pad = 0, Bos = 1, Eos = 2;

    public static ParallelCorpus Corpus(int count, int vocabSize, int minLength, int maxLength, int seed)
    {
        var rng = new Random(seed);
        var rows = Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, rng.Next(minLength, maxLength + 1)).Select(_ => rng.Next(3, vocabSize)).ToArray())
            .ToArray();
        return new ParallelCorpus(rows, rows, Pad, Bos, Eos);
    }

    public static IReadOnlyList<string> Text(IEnumerable<int[]> rows) => rows.Select(r => string.Join(' ', r)).ToList();
}
