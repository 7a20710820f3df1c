using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Syntax;
using TextDiffusion.Text;

namespace TextDiffusion.Tests.Control;

public class ControlLabelsTests
{
    static ControlLabels Labels() => ControlLabels.FromTraining(8, ["NOUN", "VERB", "DET"],
        [new SentenceSyntax(["a", "b"], ["DET", "NOUN"], ConstituencyTree.Parse("(S (NP a (NP b)))")),
         new SentenceSyntax(["x", "y", "c"], ["NOUN", "NOUN", "VERB"], ConstituencyTree.Parse("(S (NP x y) (VP c))"))],
        [Attribute("food : French"), Attribute("near : The Sorrento")]);

    static SemanticControl Attribute(string text) => new(AttributeTarget.FromTokens(text.Split(' ')));

    [Fact]
    public void PosAndLengthTargetsFrameTheWordsWithBosEosAndPadding()
    {
        var labels = Labels();
        Assert.Equal([1L, 5, 3, 4, 2, 0, 0, 0], labels.Pos(["DET", "NOUN", "VERB"]));
        Assert.Equal([1L, -1, 2, 0, 0, 0, 0, 0], labels.Pos(["SYM"]));           // unknown tag: free
        Assert.Equal([1L, 3, 3, 3, 3, 2, 0, 0], labels.LengthRow(4));
        Assert.Equal([1L, 3, 3, 3, 3, 3, 3, 2], labels.LengthRow(20));          // truncated to L − 2 words, EOS kept
        Assert.Equal(6, labels.PosClasses);
        Assert.Equal(["NP", "S", "S::NP", "VP"], labels.SpanLabels);           // by frequency, then name; unary chains collapsed
    }

    [Fact]
    public void TreeTargetLabelsEverySpanAndSpanTargetOnlyOne()
    {
        var labels = Labels();
        var tree = labels.Tree(2, [new LabeledSpan("S", 0, 1), new LabeledSpan("NP", 0, 0)]);
        long At(long[] grid, int i, int j) => grid[i * 8 + j];
        Assert.Equal(2, At(tree, 1, 2));     // S over words 0–1 = positions 1–2
        Assert.Equal(1, At(tree, 1, 1));     // NP over word 0
        Assert.Equal(0, At(tree, 2, 2));     // no constituent
        Assert.Equal(0, At(tree, 0, 7));
        Assert.Equal(-1, At(tree, 2, 1));    // i > j is free
        var span = labels.Span(new SpanConstraint(1, 1, "VP"));
        Assert.Equal(4, At(span, 2, 2));
        Assert.Equal(63, span.Count(v => v == -1));
        Assert.Throws<ArgumentException>(() => labels.Span(new SpanConstraint(0, 0, "ADVP")));
    }

    [Fact]
    public void SemanticTargetIsTheControlTokensThenEos()
    {
        var labels = Labels();
        var row = labels.Semantic(Attribute("near : The Sorrento"));
        var words = row.TakeWhile(v => v != SpecialTokens.Eos).Select(v => labels.SemanticTokens.IdToToken((int)v));
        Assert.Equal(["near", ":", "The", "Sorrento"], words);
        Assert.Equal(-1, row[^1]);
        Assert.Equal(labels.SemanticLength, row.Length);
    }

    [Fact]
    public void PromptTokensDescribeEachControl()
    {
        Assert.Equal(["<length>", "17"], new LengthControl(17).PromptTokens());
        Assert.Equal(["<spans>", "3", "5", "PP"], new SpanControl(new SpanConstraint(3, 5, "PP")).PromptTokens());
        Assert.Equal(["<semantic>", "food", ":", "French"], Attribute("food : French").PromptTokens());
        var tree = new TreeControl(ConstituencyTree.Parse("(S (NP the) (VP is here))"));
        Assert.Equal("<tree> (S (NP * ) (VP * * ) )", string.Join(' ', tree.PromptTokens()));
    }
}
