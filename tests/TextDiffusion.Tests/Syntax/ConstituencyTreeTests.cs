using TextDiffusion.Data;
using TextDiffusion.Syntax;

namespace TextDiffusion.Tests.Syntax;

public class ConstituencyTreeTests
{
    const string Punter = "(S (NP the punter) (VP is (NP a coffee shop) (PP near (NP café sicilia))) .)";

    [Fact]
    public void Bracketed_string_round_trips()
    {
        var tree = ConstituencyTree.Parse(Punter);
        Assert.Equal(Punter, tree.ToString());
        Assert.Equal(tree, ConstituencyTree.Parse(tree.ToString()));
        Assert.Equal(tree.GetHashCode(), ConstituencyTree.Parse("(S\n  (NP the punter)\n  (VP is (NP a coffee shop) (PP near (NP café sicilia)))\n  .)").GetHashCode());
        Assert.Equal(["the", "punter", "is", "a", "coffee", "shop", "near", "café", "sicilia", "."], tree.Leaves);
        Assert.NotEqual(tree, ConstituencyTree.Parse("(S (NP the punter) (VP is (NP a coffee shop) (PP near café sicilia)) .)"));

        var parens = ConstituencyTree.Node("NP", ConstituencyTree.Leaf("("), ConstituencyTree.Leaf("x"), ConstituencyTree.Leaf(")"));
        Assert.Equal("(NP -LRB- x -RRB-)", parens.ToString());
        Assert.Equal(parens, ConstituencyTree.Parse(parens.ToString()));
    }

    [Fact]
    public void Parse_unwraps_top_and_rejects_malformed_input()
    {
        Assert.Equal("(S (NP it) (VP is))", ConstituencyTree.Parse("(TOP (S (NP it) (VP is)))").ToString());
        Assert.Equal("(S (NP it) (VP is))", ConstituencyTree.Parse("( (S (NP it) (VP is)) )").ToString());
        Assert.Equal("(S (NP it))", ConstituencyTree.Parse("(S (NP it) (VP ))").ToString()); // empty phrase dropped
        Assert.Throws<FormatException>(() => ConstituencyTree.Parse("(S (NP it)"));
        Assert.Throws<FormatException>(() => ConstituencyTree.Parse("(S it))"));
        Assert.Throws<FormatException>(() => ConstituencyTree.Parse(""));
    }

    [Fact]
    public void Brackets_are_inclusive_word_spans()
    {
        var tree = ConstituencyTree.Parse(Punter);
        Assert.Equal(
            [new("S", 0, 9), new("NP", 0, 1), new("VP", 2, 8), new("NP", 3, 5), new("PP", 6, 8), new("NP", 7, 8)],
            tree.Brackets());
        // EVALB: root kept, "." deleted (the root now ends at word 8)
        Assert.Equal(new LabeledSpan("S", 0, 8), tree.Brackets(BracketOptions.Evalb)[0]);
        Assert.DoesNotContain(tree.Brackets(new BracketOptions(IncludeRoot: false)), b => b.Label == "S");
    }

    [Fact]
    public void Preterminals_are_skipped_in_tagged_trees_only()
    {
        var tagged = ConstituencyTree.Parse("(S (NP (PRP it)) (VP (VBZ is) (ADJP (JJ cheap))) (. .))");
        Assert.True(ConstituencyTree.IsTagged(tagged));
        Assert.Equal([new("S", 0, 3), new("NP", 0, 0), new("VP", 1, 2), new("ADJP", 2, 2)], tagged.Brackets());
        Assert.Equal(8, tagged.Brackets(new BracketOptions(IncludePreterminals: true)).Count); // + PRP VBZ JJ .

        // link-grammar style: words directly under phrases, so (NP it) is a constituent
        var linkGrammar = ConstituencyTree.Parse("(S (NP it) (VP is (ADJP cheap)) .)");
        Assert.False(ConstituencyTree.IsTagged(linkGrammar));
        Assert.Equal(tagged.Brackets(), linkGrammar.Brackets());
    }

    [Fact]
    public void Span_constraints_use_the_target_file_conventions()
    {
        // target_spans.json: [i, j, label], 0-based over the words without START, j inclusive; benepar writes
        // a unary chain as "S::NP".
        var tree = ConstituencyTree.Parse("(S (S (NP the pub)) (VP is (ADJP cheap)))");
        Assert.Equal(
            [new SpanConstraint(0, 3, "S"), new(0, 1, "S::NP"), new(2, 3, "VP"), new(3, 3, "ADJP")],
            tree.ToSpanConstraints());
    }

    [Fact]
    public void Flat_tree_is_one_phrase_over_the_words()
    {
        var flat = ConstituencyTree.Flat(["a", "b"]);
        Assert.Equal("(S a b)", flat.ToString());
        Assert.Equal([new LabeledSpan("S", 0, 1)], flat.Brackets());
        Assert.True(ConstituencyTree.IsPunctuation("."));
        Assert.True(ConstituencyTree.IsPunctuation("-"));
        Assert.False(ConstituencyTree.IsPunctuation("£"));
        Assert.False(ConstituencyTree.IsPunctuation("20-25"));
    }
}
