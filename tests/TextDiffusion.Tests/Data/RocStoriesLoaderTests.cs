using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class RocStoriesLoaderTests
{
    [Fact]
    public void Reads_one_story_per_line()
    {
        using var temp = new TempFolder();
        string path = temp.Write("roc.json",
            "[\"The dog jumped up. She refused to budge. I gave up.\"]\n[\"We ate burgers. We watched fireworks.\"]\n");
        var stories = RocStoriesLoader.ReadStories(path).ToList();
        Assert.Equal(2, stories.Count);
        Assert.Equal("We ate burgers. We watched fireworks.", stories[1].Text);
    }

    [Fact]
    public void Reads_anlg_triples_and_references()
    {
        using var temp = new TempFolder();
        string dev = temp.Write("dev.json", """
            {
                "id-1": {
                    "gold_labels": ["Stephen knocked over a vase.", "Stephen dropped his phone."],
                    "obs1": "Stephen was at a party.",
                    "obs2": "He checked it but it was broken."
                },
                "id-2": {"gold_labels": ["Donna got candy."], "obs1": "Donna has a bowl.", "obs2": "They were excited."}
            }
            """);
        var examples = RocStoriesLoader.ReadAnlgExamples(dev).ToList();
        Assert.Equal(2, examples.Count);
        Assert.Equal("id-1", examples[0].Id);
        Assert.Equal("Stephen was at a party.", examples[0].Obs1);
        Assert.Equal("He checked it but it was broken.", examples[0].Obs2);
        Assert.Equal(2, examples[0].GoldMiddles.Count);

        string refs = temp.Write("ref.json", "{\"a-1\": [\"One.\", \"Two.\"], \"b-1\": [\"Three.\"]}");
        var references = RocStoriesLoader.ReadAnlgReferences(refs).ToList();
        Assert.Equal(["a-1", "b-1"], references.Select(r => r.Id));
        Assert.Equal(["One.", "Two."], references[0].GoldMiddles);
    }

    [Fact]
    public void Anlg_test_observations_are_joined_with_their_references()
    {
        using var temp = new TempFolder();
        string observations = temp.Write("no_label.json",
            "{\"a-1\": {\"gold_labels\": [], \"obs1\": \"Start.\", \"obs2\": \"End.\"}}");
        string refs = temp.Write("ref.json", "{\"a-1\": [\"Middle one.\", \"Middle two.\"]}");
        var example = Assert.Single(RocStoriesLoader.ReadAnlgTest(observations, refs));
        Assert.Equal(new[] { "Middle one.", "Middle two." }, example.GoldMiddles);
        Assert.Equal(("Start.", "End."), (example.Obs1, example.Obs2));
        Assert.Throws<DataFormatException>(() => RocStoriesLoader.ReadAnlgExamples(observations).ToList()); // gold required by default

        string otherRefs = temp.Write("other.json", "{\"b-1\": [\"x\"]}");
        Assert.Throws<InvalidDataException>(() => RocStoriesLoader.ReadAnlgTest(observations, otherRefs).ToList());
    }

    [Fact]
    public void Anlg_errors_carry_the_line_of_the_record()
    {
        using var temp = new TempFolder();
        string path = temp.Write("dev.json", "{\n  \"ok\": {\"gold_labels\": [\"m\"], \"obs1\": \"a\", \"obs2\": \"b\"},\n  \"bad\": {\"gold_labels\": [\"m\"], \"obs1\": \"a\"}\n}\n");
        var e = Assert.Throws<DataFormatException>(() => RocStoriesLoader.ReadAnlgExamples(path).ToList());
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("obs2", e.Message);

        var options = LoadOptions.Lenient();
        Assert.Single(RocStoriesLoader.ReadAnlgExamples(path, options));
        Assert.Equal(1, options.SkippedCount);

        string broken = temp.Write("broken.json", "{\n  \"a\": [\"x\",\n  \"b\" ]]\n");
        var syntax = Assert.Throws<DataFormatException>(() => RocStoriesLoader.ReadAnlgReferences(broken).ToList());
        Assert.Equal(3, syntax.LineNumber);
        Assert.Contains("invalid JSON", syntax.Message);
    }

    [Fact]
    public void Invalid_story_line_throws_with_its_number()
    {
        using var temp = new TempFolder();
        string path = temp.Write("roc.json", "[\"fine.\"]\n{\"not\": \"a list\"}\n");
        var e = Assert.Throws<DataFormatException>(() => RocStoriesLoader.ReadStories(path).ToList());
        Assert.Equal(2, e.LineNumber);
    }
}
