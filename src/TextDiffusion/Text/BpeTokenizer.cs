using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace TextDiffusion.Text;

/// <summary>
/// Byte-pair-encoding subword tokenizer over whitespace-separated words. Each word starts as its
/// characters, the last one marked with the end-of-word suffix "&lt;/w&gt;"; learned merges then join
/// frequent adjacent symbols. Decoding concatenates symbols and turns each end-of-word mark into a
/// space, so text whose words are separated by single spaces round-trips exactly when all its
/// characters were seen in training (and it does not itself contain "&lt;/w&gt;"). A character never
/// seen becomes UNK and decodes as "&lt;unk&gt;" glued to the following piece. Encoding caches each
/// distinct word. Train joint De+En models by passing both languages' texts, per-language ones by
/// training twice.
/// </summary>
public sealed class BpeTokenizer : Tokenizer
{
    public const string TypeTag = "bpe";

    /// <summary>Suffix marking a symbol that ends a word.</summary>
    public const string EndOfWord = "</w>";

    private readonly Dictionary<long, (int Rank, int Merged)> mergeRanks = [];
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    /// <summary>Builds a tokenizer from a vocabulary holding every symbol and the merges in learning order.</summary>
    public BpeTokenizer(Vocabulary vocabulary, IReadOnlyList<(string Left, string Right)> merges) : base(vocabulary)
    {
        Merges = merges;
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            foreach (string s in new[] { left, right, left + right })
                if (!vocabulary.Contains(s)) throw new ArgumentException($"merge {rank} ('{left}', '{right}') uses '{s}', which is not in the vocabulary");
            long key = PairKey(vocabulary.IdOf(left), vocabulary.IdOf(right));
            mergeRanks.TryAdd(key, (rank, vocabulary.IdOf(left + right)));
        }
    }

    public override string Kind => TypeTag;

    /// <summary>The merges, in the order they were learned (earlier merges apply first).</summary>
    public IReadOnlyList<(string Left, string Right)> Merges { get; }

    /// <summary>Learns merges from <paramref name="texts"/> (see <see cref="BpeTrainer"/> for the algorithm).</summary>
    public static BpeTokenizer Train(IEnumerable<string> texts, BpeTrainingOptions? options = null)
    {
        var result = BpeTrainer.Learn(texts, options ?? new BpeTrainingOptions());
        return new BpeTokenizer(new Vocabulary(result.Symbols), result.Merges);
    }

    /// <summary>A word's starting symbols: its characters, the last with <see cref="EndOfWord"/> appended.</summary>
    internal static string[] InitialPieces(string word)
    {
        var pieces = word.EnumerateRunes().Select(r => r.ToString()).ToArray();
        if (pieces.Length > 0) pieces[^1] += EndOfWord;
        return pieces;
    }

    public override int[] Encode(string text)
    {
        var ids = new List<int>();
        foreach (string word in WordTokenizer.Split(text)) ids.AddRange(EncodeWord(word));
        return ids.ToArray();
    }

    /// <summary>The symbol ids of one word (cached).</summary>
    public int[] EncodeWord(string word) => cache.GetOrAdd(word, SegmentWord);

    private int[] SegmentWord(string word)
    {
        var symbols = InitialPieces(word).Select(Vocabulary.IdOf).ToList();
        while (symbols.Count > 1)
        {
            // Find the adjacent pair whose merge was learned first.
            int bestRank = int.MaxValue, bestMerged = -1;
            long bestKey = 0;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                long key = PairKey(symbols[i], symbols[i + 1]);
                if (mergeRanks.TryGetValue(key, out var m) && m.Rank < bestRank) (bestRank, bestMerged, bestKey) = (m.Rank, m.Merged, key);
            }
            if (bestMerged < 0) break;
            int a = (int)(bestKey >> 32), b = (int)(bestKey & 0xFFFFFFFF);
            symbols = [.. BpeTrainer.MergeAll(symbols.ToArray(), a, b, bestMerged)!];
        }
        return symbols.ToArray();
    }

    protected override string DecodeIds(IReadOnlyList<int> ids)
    {
        var sb = new StringBuilder();
        foreach (int id in ids)
        {
            if (SpecialTokens.IsSpecial(id) && id != SpecialTokens.Unk)
            {
                if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
                sb.Append(SpecialTokens.Names[id]).Append(' ');
                continue;
            }
            string token = Vocabulary.TokenOf(id);
            if (token.EndsWith(EndOfWord, StringComparison.Ordinal)) sb.Append(token, 0, token.Length - EndOfWord.Length).Append(' ');
            else sb.Append(token);
        }
        return sb.ToString().TrimEnd(' ');
    }

    protected override void WriteExtraFields(Utf8JsonWriter writer)
    {
        writer.WriteString("endOfWord", EndOfWord);
        writer.WriteStartArray("merges");
        foreach (var (left, right) in Merges)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(left);
            writer.WriteStringValue(right);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    /// <summary>Rebuilds a tokenizer from the fields <see cref="WriteExtraFields"/> wrote.</summary>
    internal static BpeTokenizer FromSavedFields(Vocabulary vocabulary, JsonElement root)
    {
        string marker = root.GetProperty("endOfWord").GetString() ?? "";
        if (marker != EndOfWord) throw new FormatException($"end-of-word marker '{marker}', expected '{EndOfWord}'");
        var merges = root.GetProperty("merges").EnumerateArray()
            .Select(m => m.GetArrayLength() == 2
                ? (m[0].GetString() ?? "", m[1].GetString() ?? "")
                : throw new FormatException("each merge must be [left, right]"))
            .ToList();
        return new BpeTokenizer(vocabulary, merges);
    }

    private static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;
}

/// <summary>Settings for learning byte-pair-encoding merges.</summary>
/// <param name="MergeCount">How many merges to learn at most (the vocabulary grows by at most this many symbols).</param>
/// <param name="MinPairFrequency">Stop early when the most frequent pair occurs fewer times than this.</param>
public sealed record BpeTrainingOptions(int MergeCount = 8000, int MinPairFrequency = 2);
