using TextDiffusion.Data;
using TextDiffusion.Evaluation;
using TextDiffusion.Syntax;

namespace TextDiffusion.Tests.Evaluation;

public class ControlMetricTests
{
    static ConstituencyTree T(string s) => ConstituencyTree.Parse(s);

    [Fact]
    public void Tree_f1_of_identical_trees_is_100()
    {
        var tree = T("(S (NP the punter) (VP is (NP a coffee shop)) .)");
        var score = TreeF1.Sentence(tree, tree);
        Assert.Equal((4, 4, 4), (score.Matched, score.Gold, score.Predicted));
        Assert.Equal(100, score.F1);
    }

    [Fact]
    public void Tree_f1_of_disjoint_trees_is_0()
    {
        var score = TreeF1.Sentence(T("(S (NP a b) (VP c d))"), T("(FRAG (ADJP a) (ADVP b c d))"));
        Assert.Equal((0, 3, 3), (score.Matched, score.Gold, score.Predicted));
        Assert.Equal(0, score.F1);
    }

    [Fact]
    public void Tree_f1_hand_computed_partial_match()
    {
        // EVALB positions ignore the final "." : gold S[0,5] NP[0,1] VP[2,5] NP[3,5]; predicted S[0,5] NP[0,1] VP[2,5]
        var gold = T("(S (NP the punter) (VP is (NP a coffee shop)) .)");
        var predicted = T("(S (NP the punter) (VP is a coffee shop) .)");
        var score = TreeF1.Sentence(gold, predicted);
        Assert.Equal((3, 4, 3), (score.Matched, score.Gold, score.Predicted));
        Assert.Equal(100, score.Precision, 10);
        Assert.Equal(75, score.Recall, 10);
        Assert.Equal(2 * 100 * 75 / 175.0, score.F1, 10); // 85.714...

        // corpus totals add counts: (3 + 4) / (4 + 4) recall, (3 + 4) / (3 + 4) precision
        var corpus = TreeF1.Corpus([(gold, predicted), (gold, gold)]);
        Assert.Equal((7, 8, 7), (corpus.Matched, corpus.Gold, corpus.Predicted));
        Assert.Equal((2 * 100 * 75 / 175.0 + 100) / 2, TreeF1.MeanSentenceF1([(gold, predicted), (gold, gold)]), 10);
    }

    [Fact]
    public void Tree_f1_follows_evalb_label_equivalences_and_punctuation_deletion()
    {
        Assert.Equal("NP", TreeF1.NormalizeLabel("NP-SBJ-1"));
        Assert.Equal("ADVP", TreeF1.NormalizeLabel("PRT"));
        Assert.Equal("-NONE-", TreeF1.NormalizeLabel("-NONE-"));
        // the comma inside or outside the NP does not matter once punctuation is deleted
        Assert.Equal(100, TreeF1.Sentence(T("(S (NP a b ,) (VP c))"), T("(S (NP a b) , (VP c))")).F1);
        Assert.NotEqual(100, TreeF1.Sentence(T("(S (NP a b ,) (VP c))"), T("(S (NP a b) , (VP c))"), BracketOptions.Positions).F1);
    }

    [Fact]
    public void Span_match_on_a_known_tree()
    {
        var tree = T("(S (NP the punter) (VP is (NP a coffee shop) (PP near (NP café sicilia))) .)");
        Assert.True(SpanMatch.IsSatisfied(tree, new SpanConstraint(6, 8, "PP")));
        Assert.True(SpanMatch.IsSatisfied(tree, new SpanConstraint(7, 8, "NP")));
        Assert.True(SpanMatch.IsSatisfied(tree, new SpanConstraint(0, 9, "S")));
        Assert.False(SpanMatch.IsSatisfied(tree, new SpanConstraint(6, 8, "NP")));  // wrong label
        Assert.False(SpanMatch.IsSatisfied(tree, new SpanConstraint(6, 7, "PP")));  // wrong span
        Assert.False(SpanMatch.IsSatisfied(tree, new SpanConstraint(5, 8, "PP")));

        var chain = T("(S (S (NP the pub)) (VP is (ADJP cheap)))");
        Assert.True(SpanMatch.IsSatisfied(chain, new SpanConstraint(0, 1, "S::NP")));
        Assert.True(SpanMatch.IsSatisfied(chain, new SpanConstraint(0, 1, "NP")));
        Assert.False(SpanMatch.IsSatisfied(chain, new SpanConstraint(0, 1, "S::VP")));
        Assert.True(SpanMatch.IsSatisfied(T("(NP (NP family friendly) pub)"), new SpanConstraint(0, 1, "NML")));

        Assert.Equal(50, SpanMatch.SuccessRate([(tree, new SpanConstraint(6, 8, "PP")), (tree, new SpanConstraint(6, 8, "VP"))]));
    }

    [Fact]
    public void Span_targets_drop_the_trailing_newline_token()
    {
        var target = new SpanTarget(["START", "their", "rating", "is", "average", "\n", "END"], [new(0, 4, "S")]);
        Assert.Equal(new SpanConstraint(0, 3, "S"), SpanMatch.WithoutWhitespaceTokens(target, target.Spans[0]));
        Assert.Equal(new SpanConstraint(1, 2, "VP"), SpanMatch.WithoutWhitespaceTokens(target, new(1, 2, "VP")));
    }

    [Fact]
    public void Pos_match_compares_over_the_target_length()
    {
        string[] target = ["DET", "NOUN", "AUX", "ADJ", "PUNCT"];
        Assert.Equal(1.0, PosMatch.Sentence(["DET", "NOUN", "AUX", "ADJ", "PUNCT"], target));
        Assert.Equal(0.8, PosMatch.Sentence(["DET", "NOUN", "VERB", "ADJ", "PUNCT"], target), 12);
        Assert.Equal(0.6, PosMatch.Sentence(["DET", "NOUN", "AUX"], target), 12);                       // missing = wrong
        Assert.Equal(1.0, PosMatch.Sentence(["DET", "NOUN", "AUX", "ADJ", "PUNCT", "X", "X"], target)); // extra not scored
        Assert.Equal(0.0, PosMatch.Sentence([], target));
        Assert.True(PosMatch.IsExact(target, target));
        Assert.Equal(65, PosMatch.Corpus([(["DET", "NOUN", "AUX"], target), (target, target), (["X"], target), (target, target)]), 10);
        Assert.Throws<ArgumentException>(() => PosMatch.Sentence(["DET"], []));
    }

    [Fact]
    public void Length_match_allows_two_words_either_way()
    {
        Assert.True(LengthMatch.IsSatisfied(10, 12));
        Assert.True(LengthMatch.IsSatisfied(14, 12));
        Assert.False(LengthMatch.IsSatisfied(15, 12));
        Assert.False(LengthMatch.IsSatisfied(9, 12));
        Assert.Equal(50, LengthMatch.SuccessRate([(10, 12), (9, 12)]));
    }

    [Fact]
    public void Semantic_match_needs_the_value_as_contiguous_tokens()
    {
        var boat = AttributeTarget.FromTokens(["name", ":", "The", "Rice", "Boat"]);
        Assert.True(SemanticMatch.IsSatisfied("the rice boat is a pub .".Split(' '), boat));
        Assert.False(SemanticMatch.IsSatisfied("the rice is in a boat .".Split(' '), boat));
        Assert.False(SemanticMatch.IsSatisfied("the rice".Split(' '), boat));
        var price = AttributeTarget.FromTokens(["price", ":", "£", "20", "-", "25"]);
        Assert.True(SemanticMatch.IsSatisfied("it costs £ 20 - 25 .".Split(' '), price));
        Assert.False(SemanticMatch.IsSatisfied("it costs £ 20-25 .".Split(' '), price));
        var family = AttributeTarget.FromTokens(["family", "friendly", ":", "yes"]);
        Assert.False(SemanticMatch.IsSatisfied("it is family friendly .".Split(' '), family));
        Assert.Equal(100.0 * 2 / 3, SemanticMatch.SuccessRate([
            ("the rice boat".Split(' '), boat), ("£ 20 - 25".Split(' '), price), ("no".Split(' '), family)]), 10);
    }
}
