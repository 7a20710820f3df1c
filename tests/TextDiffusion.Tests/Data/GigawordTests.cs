using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class GigawordTests
{
    [Fact]
    public void Train_set_is_deduplicated_across_files_and_excludes_test_articles()
    {
        using var temp = new TempFolder();
        var tenK = ParallelCorpus.Read(
            temp.Write("10k.article", "a cat sat .\nthe market fell ## points .\nrain in spain .\n"),
            temp.Write("10k.title", "cat sits\nmarket falls\nspain rain\n"));
        var small = ParallelCorpus.Read(
            temp.Write("small.src", "a  cat sat . \nnew article here .\ntest article one .\nrain in spain .\n"),
            temp.Write("small.trg", "cat sits\nnew headline\nleaked headline\nrain falls in spain\n"));
        var test = ParallelCorpus.Read(
            temp.Write("test.input", "test article one .\ntest article two .\n"),
            temp.Write("test.ref", "headline one\nheadline two\n"));

        var train = Gigaword.BuildTrainSet([tenK, small], test);

        Assert.Equal(7, train.PairsRead);
        Assert.Equal(1, train.DuplicatesRemoved); // "a  cat sat ." equals "a cat sat ." once whitespace is normalised
        Assert.Equal(1, train.TestOverlapRemoved);
        Assert.Equal(5, train.Pairs.Count);
        Assert.DoesNotContain(train.Pairs, p => p.Source == "test article one .");
        // Same article with a different headline is a second reference, not a duplicate.
        Assert.Equal(2, train.Pairs.Count(p => p.Source == "rain in spain ."));
    }

    [Fact]
    public void Normalise_collapses_whitespace()
    {
        Assert.Equal("a b c", Gigaword.Normalise("  a \t b  c \r"));
    }
}
