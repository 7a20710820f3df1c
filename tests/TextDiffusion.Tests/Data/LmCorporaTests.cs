using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class LmCorporaTests
{
    [Fact]
    public void Wikitext_reader_drops_blank_and_heading_lines()
    {
        using var temp = new TempFolder();
        string path = temp.Write("wiki.txt", " \n = Homarus gammarus = \n \n Homarus gammarus is a lobster . \n = = Description = = \n It is blue . \n");
        Assert.Equal(["Homarus gammarus is a lobster .", "It is blue ."], LmCorpora.ReadWikiText(path));
        Assert.Equal(4, LmCorpora.ReadWikiText(path, keepHeadings: true).Count());
    }

    [Fact]
    public void Sentence_reader_trims_and_skips_blank_lines()
    {
        using var temp = new TempFolder();
        string path = temp.Write("lm1b.txt", "But now , it 's late .\n\n Everybody knows . \n");
        Assert.Equal(["But now , it 's late .", "Everybody knows ."], LmCorpora.ReadSentences(path));
    }

    [Fact]
    public void Ptb_char_lines_decode_to_words()
    {
        Assert.Equal("consumers may want", LmCorpora.DecodePtbChar(" c o n s u m e r s _ m a y _ w a n t "));
        Assert.Equal("<unk> watching", LmCorpora.DecodePtbChar(" < u n k > _ w a t c h i n g _ "));
    }

    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("In 2007 he scored 3-1.", "in two zero zero seven he scored three one")]
    [InlineData("  Café\tcrème\n\nbrûlée  ", "caf cr me br l e")]
    [InlineData("a1b", "a one b")]
    [InlineData("", "")]
    [InlineData("...", "")]
    public void Text8_normaliser_keeps_only_lowercase_letters_and_single_spaces(string input, string expected)
    {
        string normalised = Text8Normalizer.Normalize(input);
        Assert.Equal(expected, normalised);
        Assert.All(normalised, c => Assert.True(c is (>= 'a' and <= 'z') or ' '));
        Assert.DoesNotContain("  ", normalised);
    }
}
