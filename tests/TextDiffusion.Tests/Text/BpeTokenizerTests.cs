using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class BpeTokenizerTests
{
    private static readonly string[] Corpus =
    [
        "low low low low low lower lower newest newest newest newest newest newest widest widest widest",
        "the lowest point is the newest low .",
    ];

    [Fact]
    public void Learns_the_most_frequent_pairs_first()
    {
        // Pair counts: (e,s) 9 and (s,t</w>) 9 tie, the smaller symbol ids win; then (es,t</w>) 9,
        // (l,o) 7, and among the pairs counted 6 the one with the smallest ids, (e,w).
        var tok = BpeTokenizer.Train([Corpus[0]], new BpeTrainingOptions(MergeCount: 4));
        Assert.Equal(4, tok.Merges.Count);
        Assert.Equal([("e", "s"), ("es", "t</w>"), ("l", "o"), ("e", "w")], tok.Merges);
        Assert.Equal(["n", "ew", "est</w>"], tok.EncodeWord("newest").Select(tok.IdToToken));
    }

    [Fact]
    public void Encode_then_decode_round_trips_normalised_text()
    {
        var tok = BpeTokenizer.Train(Corpus, new BpeTrainingOptions(MergeCount: 30));
        foreach (string text in new[] { "low lower lowest newest widest", "the newest point is low .", "wow . slow lions" })
        {
            int[] ids = tok.Encode(text);
            Assert.DoesNotContain(SpecialTokens.Unk, ids);
            Assert.Equal(text, tok.Decode(ids));
        }
        Assert.True(tok.Encode("newest").Length < "newest".Length);
    }

    [Fact]
    public void Unseen_characters_become_unk()
    {
        var tok = BpeTokenizer.Train(Corpus, new BpeTrainingOptions(MergeCount: 10));
        int[] ids = tok.Encode("low Zoo");
        Assert.Contains(SpecialTokens.Unk, ids);
        Assert.StartsWith("low <unk>", tok.Decode(ids));
    }

    [Fact]
    public void Learning_stops_when_pairs_become_rare()
    {
        var tok = BpeTokenizer.Train(["ab ab cd"], new BpeTrainingOptions(MergeCount: 100, MinPairFrequency: 2));
        Assert.Equal([("a", "b</w>")], tok.Merges);
    }

    [Fact]
    public void Learning_is_deterministic_and_independent_of_corpus_order()
    {
        var a = BpeTokenizer.Train(Corpus, new BpeTrainingOptions(MergeCount: 25));
        var b = BpeTokenizer.Train(Corpus.Reverse(), new BpeTrainingOptions(MergeCount: 25));
        Assert.Equal(a.Merges, b.Merges);
        Assert.Equal(a.Vocabulary.Tokens, b.Vocabulary.Tokens);
    }

    [Fact]
    public void Vocabulary_holds_specials_alphabet_and_merge_results()
    {
        var tok = BpeTokenizer.Train(Corpus, new BpeTrainingOptions(MergeCount: 12));
        var alphabet = Corpus.SelectMany(WordTokenizer.Split).SelectMany(BpeTokenizer.InitialPieces).Distinct().Count();
        Assert.Equal(SpecialTokens.Count + alphabet + tok.Merges.Select(m => m.Left + m.Right).Distinct().Count(), tok.VocabSize);
    }

    [Fact]
    public void Incremental_counts_match_a_naive_recount()
    {
        // A brute-force BPE (recount all pairs before every merge) must pick the same merges.
        string[] corpus = ["aaaa aaa aa a abab baba ab ba", "abc abcabc cab bca aaab aab", "aaaa abab abc"];
        var fast = BpeTokenizer.Train(corpus, new BpeTrainingOptions(MergeCount: 15, MinPairFrequency: 1));
        Assert.Equal(NaiveMerges(corpus, 15), fast.Merges);
    }

    private static List<(string, string)> NaiveMerges(string[] corpus, int count)
    {
        var words = corpus.SelectMany(WordTokenizer.Split).GroupBy(w => w)
            .Select(g => (Symbols: BpeTokenizer.InitialPieces(g.Key).ToList(), Freq: g.Count())).ToList();
        var symbolOrder = words.SelectMany(w => w.Symbols).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var merges = new List<(string, string)>();
        while (merges.Count < count)
        {
            var counts = new Dictionary<(string, string), int>();
            foreach (var (symbols, freq) in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + freq;
            if (counts.Count == 0) break;
            var best = counts.OrderByDescending(kv => kv.Value)
                .ThenBy(kv => symbolOrder.IndexOf(kv.Key.Item1)).ThenBy(kv => symbolOrder.IndexOf(kv.Key.Item2)).First().Key;
            string merged = best.Item1 + best.Item2;
            if (!symbolOrder.Contains(merged)) symbolOrder.Add(merged);
            merges.Add(best);
            foreach (var (symbols, _) in words)
                for (int i = 0; i + 1 < symbols.Count; i++)
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
        }
        return merges;
    }
}
