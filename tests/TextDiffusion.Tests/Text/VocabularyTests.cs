using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class VocabularyTests
{
    [Fact]
    public void Special_tokens_have_fixed_ids()
    {
        var v = new Vocabulary(["hello"]);
        Assert.Equal(0, v.IdOf("<pad>"));
        Assert.Equal(1, v.IdOf("<bos>"));
        Assert.Equal(2, v.IdOf("<eos>"));
        Assert.Equal(3, v.IdOf("<unk>"));
        Assert.Equal(4, v.IdOf("<mask>"));
        Assert.Equal(SpecialTokens.Count, v.IdOf("hello"));
        Assert.Equal(SpecialTokens.Unk, v.IdOf("unseen"));
        Assert.Equal(6, v.Count);
    }

    [Fact]
    public void From_counts_orders_by_frequency_then_text_and_applies_min_count()
    {
        var counts = new Dictionary<string, long> { ["b"] = 5, ["a"] = 5, ["c"] = 9, ["rare"] = 1, ["<unk>"] = 100 };
        var v = Vocabulary.FromCounts(counts, minCount: 2);
        Assert.Equal(["c", "a", "b"], v.Tokens.Skip(SpecialTokens.Count));
        Assert.Equal(SpecialTokens.Unk, v.IdOf("rare"));
        Assert.Equal(7, Vocabulary.FromCounts(counts, minCount: 1, maxSize: 7).Count);
    }

    [Fact]
    public void Duplicate_tokens_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Vocabulary(["x", "x"]));
        Assert.Throws<ArgumentException>(() => new Vocabulary(["<pad>"]));
    }
}
