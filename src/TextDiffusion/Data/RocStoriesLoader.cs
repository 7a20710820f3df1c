namespace TextDiffusion.Data;

/// <summary>
/// Loads ROCStories as Diffusion-LM stores it (one JSON list holding one story string per line) and
/// the αNLG infilling files (a JSON object keyed by example id).
/// </summary>
public static class RocStoriesLoader
{
    /// <summary>Reads <c>rocstories/dlm_roc_valid.json</c>: each line is <c>["story text"]</c>.</summary>
    public static IEnumerable<RocStory> ReadStories(string path, LoadOptions? options = null) =>
        JsonLines.Read(path, e =>
        {
            var parts = JsonLines.StringArray(e, "story");
            if (parts.Count == 0 || parts.All(string.IsNullOrWhiteSpace)) throw new FormatException("empty story");
            return new RocStory(string.Join(" ", parts).Trim());
        }, options);

    /// <summary>
    /// Reads <c>dlm_dev_cleanup.json</c>: <c>{id: {"obs1", "obs2", "gold_labels": [...]}}</c>. With
    /// <paramref name="requireGold"/> false an empty <c>gold_labels</c> is accepted, as in Diffusion-LM's
    /// <c>test_cleanup_no_label.json</c> (observations of the test set, without references).
    /// </summary>
    public static IEnumerable<AnlgExample> ReadAnlgExamples(string path, LoadOptions? options = null, bool requireGold = true) =>
        JsonObjectFile.Read(path, (id, e) =>
        {
            var gold = JsonLines.StringArray(JsonLines.Property(e, "gold_labels"), "gold_labels");
            return new AnlgExample(id, JsonLines.StringProperty(e, "obs1"), JsonLines.StringProperty(e, "obs2"),
                                   requireGold ? NonEmpty(gold) : gold);
        }, options);

    /// <summary>
    /// The αNLG test triples: observations from <c>test_cleanup_no_label.json</c> (only where the
    /// originals were downloaded) joined by id with the gold middles of <c>dlm_test_cleanup_ref.json</c>.
    /// An observation without references is an error naming the id.
    /// </summary>
    public static IEnumerable<AnlgExample> ReadAnlgTest(string observationsPath, string referencesPath, LoadOptions? options = null)
    {
        var references = ReadAnlgReferences(referencesPath, options).ToDictionary(r => r.Id, r => r.GoldMiddles);
        foreach (var example in ReadAnlgExamples(observationsPath, options, requireGold: false))
        {
            if (!references.TryGetValue(example.Id, out var gold))
                throw new InvalidDataException($"{observationsPath}: example \"{example.Id}\" has no references in {referencesPath}");
            yield return example with { GoldMiddles = gold };
        }
    }

    /// <summary>Reads <c>dlm_test_cleanup_ref.json</c>: <c>{id: [gold middle, ...]}</c>.</summary>
    public static IEnumerable<AnlgReference> ReadAnlgReferences(string path, LoadOptions? options = null) =>
        JsonObjectFile.Read(path, (id, e) => new AnlgReference(id, NonEmpty(JsonLines.StringArray(e, "references"))), options);

    private static IReadOnlyList<string> NonEmpty(IReadOnlyList<string> middles) =>
        middles.Count > 0 ? middles : throw new FormatException("no gold middle sentences");
}

/// <summary>
/// An αNLG (ART) infilling example: the first and last observations of a story and the human-written
/// middle sentences that connect them (several references per example).
/// </summary>
public sealed record AnlgExample(string Id, string Obs1, string Obs2, IReadOnlyList<string> GoldMiddles);

/// <summary>
/// The reference middles of an αNLG test example. Diffusion-LM's <c>dlm_test_cleanup_ref.json</c> maps
/// each id to its gold middles only; the observations are not in that file.
/// </summary>
public sealed record AnlgReference(string Id, IReadOnlyList<string> GoldMiddles);

/// <summary>One ROCStories story (five sentences in one string, as Diffusion-LM stores it).</summary>
public sealed record RocStory(string Text);
