namespace TextDiffusion.Text;

/// <summary>
/// Whitespace word tokenizer, as Diffusion-LM uses on E2E and ROCStories: a token is a run of
/// non-whitespace characters; words seen fewer than a minimum number of times in training map to UNK.
/// Decoding joins words with single spaces, so normalised text round-trips when no word is unknown.
/// </summary>
public sealed class WordTokenizer : Tokenizer
{
    public const string TypeTag = "word";

    public WordTokenizer(Vocabulary vocabulary) : base(vocabulary)
    {
    }

    public override string Kind => TypeTag;

    /// <summary>
    /// Builds the vocabulary from <paramref name="texts"/>: words seen at least <paramref name="minCount"/>
    /// times (Diffusion-LM keeps words seen more than 10 times, i.e. minCount 11), most frequent first.
    /// </summary>
    public static WordTokenizer Train(IEnumerable<string> texts, int minCount = 1, int? maxVocabSize = null)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (string w in Split(text))
                counts[w] = counts.GetValueOrDefault(w) + 1;
        return new WordTokenizer(Vocabulary.FromCounts(counts, minCount, maxVocabSize));
    }

    /// <summary>The whitespace-separated words of <paramref name="text"/>.</summary>
    public static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public override int[] Encode(string text) => Array.ConvertAll(Split(text), Vocabulary.IdOf);

    protected override string DecodeIds(IReadOnlyList<int> ids) => string.Join(' ', ids.Select(Vocabulary.TokenOf));
}
