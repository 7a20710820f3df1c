namespace TextDiffusion.Text;

/// <summary>
/// A two-way map between token strings and ids. Ids 0..4 are the <see cref="SpecialTokens"/>; the
/// ordinary tokens follow in the order given. Unknown tokens map to <see cref="SpecialTokens.Unk"/>.
/// </summary>
public sealed class Vocabulary
{
    private readonly List<string> tokens;
    private readonly Dictionary<string, int> ids;

    /// <summary>Builds a vocabulary from ordinary tokens (specials are added first; duplicates are an error).</summary>
    public Vocabulary(IEnumerable<string> ordinaryTokens)
    {
        tokens = [.. SpecialTokens.Names];
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++) ids[tokens[i]] = i;
        foreach (string t in ordinaryTokens)
        {
            if (!ids.TryAdd(t, tokens.Count))
                throw new ArgumentException($"token '{t}' appears twice or is a special token", nameof(ordinaryTokens));
            tokens.Add(t);
        }
    }

    /// <summary>
    /// Keeps tokens seen at least <paramref name="minCount"/> times, most frequent first (ties in
    /// ordinal string order, so the result does not depend on the counting order), at most
    /// <paramref name="maxSize"/> ids in all when given.
    /// </summary>
    public static Vocabulary FromCounts(IReadOnlyDictionary<string, long> counts, int minCount = 1, int? maxSize = null)
    {
        var kept = counts.Where(kv => kv.Value >= minCount && !SpecialTokens.Names.Contains(kv.Key))
                         .OrderByDescending(kv => kv.Value)
                         .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                         .Select(kv => kv.Key);
        if (maxSize is { } max) kept = kept.Take(Math.Max(0, max - SpecialTokens.Count));
        return new Vocabulary(kept);
    }

    /// <summary>Number of ids, specials included.</summary>
    public int Count => tokens.Count;

    /// <summary>All tokens by id, specials first.</summary>
    public IReadOnlyList<string> Tokens => tokens;

    /// <summary>The id of <paramref name="token"/>, or UNK when it is not in the vocabulary.</summary>
    public int IdOf(string token) => ids.TryGetValue(token, out int id) ? id : SpecialTokens.Unk;

    /// <summary>True when <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => ids.ContainsKey(token);

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string TokenOf(int id) =>
        id >= 0 && id < tokens.Count ? tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {tokens.Count} ids");
}
