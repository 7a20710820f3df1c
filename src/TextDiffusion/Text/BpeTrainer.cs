namespace TextDiffusion.Text;

/// <summary>
/// Learns BPE merges (Sennrich et al. 2016) quickly. Words are counted once; each distinct word is a
/// sequence of symbol ids (its characters, the last one carrying the end-of-word marker). The counts of
/// adjacent symbol pairs are kept up to date incrementally: merging pair (a, b) revisits only the words
/// that contain it (an index pair → words), and a max-heap with lazy deletion yields the next most
/// frequent pair. Ties go to the pair with the smaller symbol ids, so learning is deterministic.
/// </summary>
internal static class BpeTrainer
{
    /// <summary>The learned symbol inventory (alphabet, then merge results) and the merges in order.</summary>
    internal sealed record Result(IReadOnlyList<string> Symbols, IReadOnlyList<(string Left, string Right)> Merges);

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private static int Left(long key) => (int)(key >> 32);

    private static int Right(long key) => (int)(key & 0xFFFFFFFF);

    /// <summary>Higher count first; equal counts: smaller key first.</summary>
    private static readonly Comparer<(long Count, long Key)> HeapOrder =
        Comparer<(long Count, long Key)>.Create((x, y) => x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Key.CompareTo(y.Key));

    public static Result Learn(IEnumerable<string> texts, BpeTrainingOptions options)
    {
        // 1. Word frequencies, in a fixed (ordinal) order.
        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (string w in WordTokenizer.Split(text))
                wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
        string[] words = wordCounts.Keys.OrderBy(w => w, StringComparer.Ordinal).ToArray();
        long[] freqs = words.Select(w => wordCounts[w]).ToArray();

        // 2. The alphabet: every character, in non-final and (where seen) word-final form.
        var pieces = words.Select(BpeTokenizer.InitialPieces).ToArray();
        var symbols = pieces.SelectMany(p => p).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var symbolIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < symbols.Count; i++) symbolIds[symbols[i]] = i;
        int[][] sequences = pieces.Select(p => p.Select(s => symbolIds[s]).ToArray()).ToArray();

        // 3. Pair counts, the pair → words index and the heap.
        var pairCounts = new Dictionary<long, long>();
        var pairWords = new Dictionary<long, HashSet<int>>();
        for (int w = 0; w < sequences.Length; w++)
        {
            var seq = sequences[w];
            for (int i = 0; i + 1 < seq.Length; i++)
            {
                long key = Key(seq[i], seq[i + 1]);
                pairCounts[key] = pairCounts.GetValueOrDefault(key) + freqs[w];
                IndexOf(pairWords, key).Add(w);
            }
        }
        var heap = new PriorityQueue<long, (long Count, long Key)>(HeapOrder);
        foreach (var (key, count) in pairCounts) heap.Enqueue(key, (count, key));

        // 4. Merge the best pair until enough merges are learned or pairs become too rare.
        var merges = new List<(string, string)>();
        var deltas = new Dictionary<long, long>();
        while (merges.Count < options.MergeCount && heap.TryDequeue(out long best, out var priority))
        {
            if (!pairCounts.TryGetValue(best, out long count) || count != priority.Count) continue; // stale heap entry
            if (count < options.MinPairFrequency) break;
            int a = Left(best), b = Right(best);
            string mergedText = symbols[a] + symbols[b];
            if (SpecialTokens.Names.Contains(mergedText))
            {
                pairCounts.Remove(best); // never create a symbol spelled like a special token
                continue;
            }
            if (!symbolIds.TryGetValue(mergedText, out int c))
            {
                c = symbols.Count;
                symbols.Add(mergedText);
                symbolIds[mergedText] = c;
            }
            merges.Add((symbols[a], symbols[b]));

            deltas.Clear();
            foreach (int w in pairWords[best])
            {
                int[] old = sequences[w];
                int[]? merged = MergeAll(old, a, b, c);
                if (merged is null) continue; // the index is allowed to hold words that lost the pair
                long f = freqs[w];
                for (int i = 0; i + 1 < old.Length; i++) AddDelta(deltas, Key(old[i], old[i + 1]), -f);
                for (int i = 0; i + 1 < merged.Length; i++)
                {
                    long key = Key(merged[i], merged[i + 1]);
                    AddDelta(deltas, key, f);
                    if (merged[i] == c || merged[i + 1] == c) IndexOf(pairWords, key).Add(w);
                }
                sequences[w] = merged;
            }
            pairCounts.Remove(best);
            pairWords.Remove(best);
            foreach (var (key, delta) in deltas)
            {
                if (delta == 0 || key == best) continue;
                long updated = pairCounts.GetValueOrDefault(key) + delta;
                if (updated <= 0) pairCounts.Remove(key);
                else
                {
                    pairCounts[key] = updated;
                    heap.Enqueue(key, (updated, key));
                }
            }
        }
        return new Result(symbols, merges);
    }

    /// <summary>Replaces every non-overlapping (a, b), left to right, by c; null when (a, b) does not occur.</summary>
    internal static int[]? MergeAll(int[] seq, int a, int b, int c)
    {
        List<int>? result = null;
        for (int i = 0; i < seq.Length; i++)
        {
            if (i + 1 < seq.Length && seq[i] == a && seq[i + 1] == b)
            {
                result ??= new List<int>(seq.Take(i));
                result.Add(c);
                i++;
            }
            else result?.Add(seq[i]);
        }
        return result?.ToArray();
    }

    private static HashSet<int> IndexOf(Dictionary<long, HashSet<int>> index, long key)
    {
        if (!index.TryGetValue(key, out var set)) index[key] = set = [];
        return set;
    }

    private static void AddDelta(Dictionary<long, long> deltas, long key, long delta) =>
        deltas[key] = deltas.GetValueOrDefault(key) + delta;
}
