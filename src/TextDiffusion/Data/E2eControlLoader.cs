using System.Text.Json;

namespace TextDiffusion.Data;

/// <summary>
/// Loads Diffusion-LM's control targets (<c>e2e_control/target_*.json</c>, one JSON value per line):
/// attribute targets are token arrays; POS targets are objects with <c>pos</c> and <c>words_</c>;
/// span targets have <c>words_</c> and <c>spans</c> (<c>[start, end, label]</c>); composed targets add
/// an <c>attr</c> token array to a POS target.
/// </summary>
public static class E2eControlLoader
{
    /// <summary>Reads <c>target_attribute.json</c>.</summary>
    public static IEnumerable<AttributeTarget> ReadAttributeTargets(string path, LoadOptions? options = null) =>
        JsonLines.Read(path, e => AttributeTarget.FromTokens(JsonLines.StringArray(e, "attribute target")), options);

    /// <summary>Reads <c>target_pos.json</c>.</summary>
    public static IEnumerable<PosTarget> ReadPosTargets(string path, LoadOptions? options = null) =>
        JsonLines.Read(path, ParsePos, options);

    /// <summary>Reads <c>target_spans.json</c>.</summary>
    public static IEnumerable<SpanTarget> ReadSpanTargets(string path, LoadOptions? options = null) =>
        JsonLines.Read(path, ParseSpans, options);

    /// <summary>Reads <c>target_compose_pos_attr.json</c>.</summary>
    public static IEnumerable<ComposeTarget> ReadComposeTargets(string path, LoadOptions? options = null) =>
        JsonLines.Read(path, e => new ComposeTarget(
            ParsePos(e),
            AttributeTarget.FromTokens(JsonLines.StringArray(JsonLines.Property(e, "attr"), "attr"))), options);

    private static PosTarget ParsePos(JsonElement e) =>
        PosTarget.Create(JsonLines.StringArray(JsonLines.Property(e, "pos"), "pos"),
                         JsonLines.StringArray(JsonLines.Property(e, "words_"), "words_"));

    private static SpanTarget ParseSpans(JsonElement e)
    {
        var words = JsonLines.StringArray(JsonLines.Property(e, "words_"), "words_");
        int sentenceLength = words.Count(w => w != PosTarget.Start && w != PosTarget.End);
        var spansElement = JsonLines.Property(e, "spans");
        if (spansElement.ValueKind != JsonValueKind.Array) throw new FormatException("spans: expected an array");
        var spans = new List<SpanConstraint>();
        foreach (var s in spansElement.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.Array || s.GetArrayLength() != 3
                || s[0].ValueKind != JsonValueKind.Number || s[1].ValueKind != JsonValueKind.Number
                || s[2].ValueKind != JsonValueKind.String)
                throw new FormatException("each span must be [start, end, label]");
            var span = new SpanConstraint(s[0].GetInt32(), s[1].GetInt32(), s[2].GetString()!);
            if (span.Start < 0 || span.End < span.Start || span.End >= sentenceLength)
                throw new FormatException($"span [{span.Start}, {span.End}] lies outside the {sentenceLength}-word sentence");
            spans.Add(span);
        }
        return new SpanTarget(words, spans);
    }
}

/// <summary>A Diffusion-LM composed control target: satisfy a POS sequence and an attribute at once.</summary>
public sealed record ComposeTarget(PosTarget Pos, AttributeTarget Attribute);
