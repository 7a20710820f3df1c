using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class ParallelCorpusTests
{
    [Fact]
    public void Reads_line_aligned_pairs()
    {
        using var temp = new TempFolder();
        string de = temp.Write("train.lc.norm.tok.de", "zwei junge männer .\nein hund läuft .\n");
        string en = temp.Write("train.lc.norm.tok.en", "two young men .\na dog runs .\n");
        var pairs = ParallelCorpus.Read(de, en).ToList();
        Assert.Equal([new SentencePair("zwei junge männer .", "two young men ."), new SentencePair("ein hund läuft .", "a dog runs .")], pairs);
    }

    [Fact]
    public void Files_of_different_length_throw()
    {
        using var temp = new TempFolder();
        string de = temp.Write("a.de", "eins\nzwei\ndrei\n");
        string en = temp.Write("a.en", "one\ntwo\n");
        var e = Assert.Throws<DataFormatException>(() => ParallelCorpus.Read(de, en).ToList());
        Assert.Equal(de, e.FilePath);
        Assert.Equal(3, e.LineNumber);
        Assert.Equal("drei", e.LineText);
    }

    [Fact]
    public void Empty_sides_are_malformed_and_can_be_skipped()
    {
        using var temp = new TempFolder();
        string de = temp.Write("b.de", "eins\n\ndrei\n");
        string en = temp.Write("b.en", "one\ntwo\nthree\n");
        Assert.Throws<DataFormatException>(() => ParallelCorpus.Read(de, en).ToList());
        var options = LoadOptions.Lenient();
        Assert.Equal(2, ParallelCorpus.Read(de, en, options).Count());
        Assert.Equal(1, options.SkippedCount);
        Assert.Equal(2, options.Skipped[0].LineNumber);
    }

    [Fact]
    public void Dataset_paths_follow_the_mirrored_layout()
    {
        Assert.Equal("multi30k/train.lc.norm.tok.de", Multi30k.RelativePath(Multi30kSplit.Train, "de", tokenized: true));
        Assert.Equal("multi30k/test_2016_flickr.en", Multi30k.RelativePath(Multi30kSplit.Test2016, "en", tokenized: false));
        Assert.Equal("multi30k/val.de", Multi30k.RelativePath(Multi30kSplit.Val, "de", tokenized: false));
        Assert.Equal("iwslt14/bpe_valid.de", Iwslt14.RelativePath(Iwslt14Split.Valid, "de", bpe: true));
        Assert.Equal("iwslt14/tok_test.en", Iwslt14.RelativePath(Iwslt14Split.Test, "en", bpe: false));
        Assert.Throws<ArgumentException>(() => Multi30k.RelativePath(Multi30kSplit.Train, "fr", true));
    }

    [Fact]
    public void Fairseq_bpe_is_undone()
    {
        Assert.Equal("it &apos;s that pyramid .", Iwslt14.RemoveBpe("it &@@ apo@@ s@@ ;@@ s that pyramid ."));
    }
}
