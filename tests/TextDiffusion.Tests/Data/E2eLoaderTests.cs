using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class E2eLoaderTests
{
    private const string DiffusionLmFixture =
        "name : The Vaults | Type : pub | price : £ 20 - 25 | near : Café Adriatic||The Vaults is a pub near Café Adriatic . \n" +
        "name : Alimentum | area : city centre | family friendly : no||Alimentum is not family - friendly . \n";

    [Fact]
    public void Reads_diffusion_lm_lines_into_ordered_slots_and_sentence()
    {
        using var temp = new TempFolder();
        string path = temp.Write("dlm.txt", DiffusionLmFixture);
        var examples = E2eLoader.ReadDiffusionLm(path).ToList();
        Assert.Equal(2, examples.Count);
        var first = examples[0];
        Assert.Equal([new MrSlot("name", "The Vaults"), new MrSlot("eatType", "pub"), new MrSlot("priceRange", "£ 20 - 25"), new MrSlot("near", "Café Adriatic")],
                     first.Mr.Slots);
        Assert.Equal("The Vaults is a pub near Café Adriatic .", first.Text);
        Assert.Equal("name : The Vaults | Type : pub | price : £ 20 - 25 | near : Café Adriatic", first.Mr.ToDiffusionLmString());
        Assert.Equal("no", examples[1].Mr[E2eFields.FamilyFriendly]);
    }

    [Fact]
    public void Reads_the_official_csv_and_agrees_with_the_diffusion_lm_form()
    {
        using var temp = new TempFolder();
        string path = temp.Write("dev.csv",
            "mr,ref\n" +
            "\"name[The Vaults], eatType[pub], priceRange[£20-25], near[Café Adriatic]\",\"The Vaults is a pub, near Café Adriatic.\"\n");
        var example = Assert.Single(E2eLoader.ReadOfficialCsv(path));
        Assert.Equal("The Vaults is a pub, near Café Adriatic.", example.Text);
        Assert.Equal("priceRange", example.Mr.Slots[2].Field);
        Assert.Equal("£20-25", example.Mr.Slots[2].Value);

        var dlm = E2eLoader.ParseDiffusionLmLine(DiffusionLmFixture.Split('\n')[0]);
        Assert.Equal(dlm.Mr, example.Mr); // same MR although written differently
        Assert.Equal(dlm.Mr.Key, example.Mr.Key);
        Assert.Equal("name[The Vaults], eatType[pub], priceRange[£20-25], near[Café Adriatic]", example.Mr.ToOfficialString());
    }

    [Fact]
    public void Slot_order_does_not_change_the_meaning_representation()
    {
        var a = MeaningRepresentation.ParseOfficial("name[X], area[riverside]");
        var b = MeaningRepresentation.ParseOfficial("area[riverside], name[X]");
        Assert.Equal(a, b);
        Assert.NotEqual(a.Slots, b.Slots);
    }

    [Fact]
    public void Mr_only_csv_is_read()
    {
        using var temp = new TempFolder();
        string path = temp.Write("test.csv", "MR\n\"name[Blue Spice], eatType[coffee shop]\"\n");
        var mr = Assert.Single(E2eLoader.ReadOfficialMeaningRepresentations(path));
        Assert.Equal("coffee shop", mr[E2eFields.EatType]);
    }

    [Fact]
    public void A_line_without_the_separator_throws_with_path_line_and_text()
    {
        using var temp = new TempFolder();
        string bad = "name : Aromi | area : riverside | the sentence is missing its separator";
        string path = temp.Write("bad.txt", DiffusionLmFixture + bad + "\n");
        var e = Assert.Throws<DataFormatException>(() => E2eLoader.ReadDiffusionLm(path).ToList());
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.LineNumber);
        Assert.Equal(bad, e.LineText);
        Assert.Contains("'||'", e.Message);
        Assert.Contains(":3:", e.Message);
    }

    [Fact]
    public void Bad_lines_are_skipped_and_counted_only_when_asked()
    {
        using var temp = new TempFolder();
        string path = temp.Write("bad.txt",
            "no separator here\n" + DiffusionLmFixture + "colour : blue||Unknown field .\n" + "name : X||\n");
        var options = LoadOptions.Lenient();
        var examples = E2eLoader.ReadDiffusionLm(path, options).ToList();
        Assert.Equal(2, examples.Count);
        Assert.Equal(3, options.SkippedCount);
        Assert.Equal([1, 4, 5], options.Skipped.Select(s => s.LineNumber));
    }

    [Fact]
    public void Malformed_official_mr_is_reported()
    {
        using var temp = new TempFolder();
        string path = temp.Write("dev.csv", "mr,ref\n\"name[X] area[Y]\",Text.\n");
        var e = Assert.Throws<DataFormatException>(() => E2eLoader.ReadOfficialCsv(path).ToList());
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("expected ','", e.Message);
    }

    [Fact]
    public void Split_holds_out_whole_meaning_representations()
    {
        // 40 MRs with 3 references each in the "test" pool, 10 MRs in the "valid" pool, one MR in both.
        var valid = Enumerable.Range(0, 10).SelectMany(i => Refs($"name : Valid{i} | area : riverside", 2)).ToList();
        var test = Enumerable.Range(0, 40).SelectMany(i => Refs($"name : Test{i} | area : city centre", 3)).ToList();
        test.AddRange(Refs("name : Valid3 | area : riverside", 2));

        var split = E2eSplit.Create(valid, test, evalFraction: 0.5);
        var trainMrs = split.Train.Select(e => e.Mr).ToHashSet();
        var evalMrs = split.Eval.Select(e => e.Mr).ToHashSet();
        Assert.Empty(trainMrs.Intersect(evalMrs));
        Assert.Equal(valid.Count + test.Count - DroppedFromValid(valid, evalMrs), split.Train.Count + split.Eval.Count);
        Assert.InRange(evalMrs.Count, 10, 30); // about half of 41
        Assert.All(split.EvalReferences(), g => Assert.True(g.Value.Count >= 2));

        // Deterministic: the same data gives the same split.
        var again = E2eSplit.Create(valid, test, 0.5);
        Assert.Equal(split.Eval.Select(e => e.Text), again.Eval.Select(e => e.Text));
    }

    private static int DroppedFromValid(List<E2eExample> valid, HashSet<MeaningRepresentation> evalMrs) =>
        valid.Count(e => evalMrs.Contains(e.Mr));

    private static IEnumerable<E2eExample> Refs(string mr, int count) =>
        Enumerable.Range(0, count).Select(k => E2eLoader.ParseDiffusionLmLine($"{mr}||Sentence {k} about it ."));
}
