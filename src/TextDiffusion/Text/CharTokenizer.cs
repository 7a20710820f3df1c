using System.Text;

namespace TextDiffusion.Text;

/// <summary>
/// Character tokenizer (one token per Unicode scalar value, line breaks and spaces included), for
/// tiny Shakespeare and text8-style corpora. Decoding concatenates, so text round-trips exactly when
/// every character was seen in training.
/// </summary>
public sealed class CharTokenizer : Tokenizer
{
    public const string TypeTag = "char";

    public CharTokenizer(Vocabulary vocabulary) : base(vocabulary)
    {
    }

    public override string Kind => TypeTag;

    /// <summary>Builds the vocabulary from the characters of <paramref name="texts"/> seen at least <paramref name="minCount"/> times.</summary>
    public static CharTokenizer Train(IEnumerable<string> texts, int minCount = 1)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string text in texts)
            foreach (Rune r in text.EnumerateRunes())
            {
                string s = r.ToString();
                counts[s] = counts.GetValueOrDefault(s) + 1;
            }
        return new CharTokenizer(Vocabulary.FromCounts(counts, minCount));
    }

    public override int[] Encode(string text)
    {
        var ids = new List<int>(text.Length);
        foreach (Rune r in text.EnumerateRunes()) ids.Add(Vocabulary.IdOf(r.ToString()));
        return ids.ToArray();
    }

    protected override string DecodeIds(IReadOnlyList<int> ids) => string.Concat(ids.Select(Vocabulary.TokenOf));
}
