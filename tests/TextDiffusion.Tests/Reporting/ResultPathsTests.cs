using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

public class ResultPathsTests
{
    [Theory]
    [InlineData("F = 4, LN", "f-4-ln")]
    [InlineData("Multi30k De→En", "multi30k-de-en")]
    [InlineData("difformer anchor loss, embedding LN, F = 4 500", "difformer-anchor-loss-embedding-ln-f-4-500")]
    [InlineData("  (fixed-point 4.4)  ", "fixed-point-4-4")]
    public void SlugKeepsLettersAndDigitsAndJoinsTheRestWithOneDash(string title, string slug) =>
        Assert.Equal(slug, ResultPaths.Slug(title));

    [Fact]
    public void SlugOfNothingIsTheFallback()
    {
        Assert.Equal("-", ResultPaths.Slug("→ ·"));
        Assert.Equal("table", ResultPaths.Slug("", fallback: "table"));
    }
}
