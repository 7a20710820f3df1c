using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class E2eControlLoaderTests
{
    [Fact]
    public void Reads_attribute_targets()
    {
        using var temp = new TempFolder();
        string path = temp.Write("target_attribute.json",
            "[\"name\", \":\", \"The\", \"Vaults\"]\n[\"family\", \"friendly\", \":\", \"yes\"]\n[\"Type\", \":\", \"pub\"]\n");
        var targets = E2eControlLoader.ReadAttributeTargets(path).ToList();
        Assert.Equal(3, targets.Count);
        Assert.Equal(("name", "The Vaults"), (targets[0].Field, targets[0].Value));
        Assert.Equal(E2eFields.FamilyFriendly, targets[1].Field);
        Assert.Equal(E2eFields.EatType, targets[2].Field);
        Assert.Equal(["Type", ":", "pub"], targets[2].Tokens);
    }

    [Fact]
    public void Reads_pos_targets_and_strips_markers()
    {
        using var temp = new TempFolder();
        string path = temp.Write("target_pos.json",
            "{\"pos\": [\"START\", \"PROPN\", \"AUX\", \"ADJ\", \"PUNCT\", \"SPACE\", \"END\"], " +
            "\"words_\": [\"START\", \"Zizzi\", \"is\", \"cheap\", \".\", \"\\n\", \"END\"]}\n");
        var target = Assert.Single(E2eControlLoader.ReadPosTargets(path));
        Assert.Equal(7, target.Tags.Count);
        Assert.Equal([("Zizzi", "PROPN"), ("is", "AUX"), ("cheap", "ADJ"), (".", "PUNCT")], target.Content);
    }

    [Fact]
    public void Reads_span_targets_with_indices_counted_without_start()
    {
        using var temp = new TempFolder();
        string path = temp.Write("target_spans.json",
            "{\"words_\": [\"START\", \"Only\", \"feet\", \"away\", \"from\", \"Caf\\u00e9\", \"Sicilia\", \".\", \"\\n\", \"END\"], \"spans\": [[3, 5, \"PP\"]]}\n");
        var target = Assert.Single(E2eControlLoader.ReadSpanTargets(path));
        var span = Assert.Single(target.Spans);
        Assert.Equal(new SpanConstraint(3, 5, "PP"), span);
        Assert.Equal(["from", "Café", "Sicilia"], target.SentenceWords.Skip(span.Start).Take(span.End - span.Start + 1));
    }

    [Fact]
    public void Reads_composed_targets()
    {
        using var temp = new TempFolder();
        string path = temp.Write("target_compose_pos_attr.json",
            "{\"pos\": [\"START\", \"PROPN\", \"END\"], \"words_\": [\"START\", \"Wildwood\", \"END\"], \"attr\": [\"food\", \":\", \"English\"]}\n");
        var target = Assert.Single(E2eControlLoader.ReadComposeTargets(path));
        Assert.Equal(("food", "English"), (target.Attribute.Field, target.Attribute.Value));
        Assert.Equal(["START", "PROPN", "END"], target.Pos.Tags);
    }

    [Fact]
    public void Invalid_json_and_bad_shapes_throw_with_line_numbers()
    {
        using var temp = new TempFolder();
        string badJson = temp.Write("a.json", "[\"name\", \":\", \"X\"]\n[\"name\", \":\" \"Y\"]\n");
        var e = Assert.Throws<DataFormatException>(() => E2eControlLoader.ReadAttributeTargets(badJson).ToList());
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("invalid JSON", e.Message);
        Assert.Equal("[\"name\", \":\" \"Y\"]", e.LineText);

        string badSpan = temp.Write("s.json", "{\"words_\": [\"START\", \"a\", \"END\"], \"spans\": [[0, 4, \"NP\"]]}\n");
        var s = Assert.Throws<DataFormatException>(() => E2eControlLoader.ReadSpanTargets(badSpan).ToList());
        Assert.Equal(1, s.LineNumber);
        Assert.Contains("outside", s.Message);

        string badPos = temp.Write("p.json", "{\"pos\": [\"START\"], \"words_\": [\"START\", \"END\"]}\n");
        var options = LoadOptions.Lenient();
        Assert.Empty(E2eControlLoader.ReadPosTargets(badPos, options));
        Assert.Equal(1, options.SkippedCount);
    }
}
