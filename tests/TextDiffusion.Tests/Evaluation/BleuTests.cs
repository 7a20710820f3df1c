using TextDiffusion.Evaluation;

namespace TextDiffusion.Tests.Evaluation;

public class BleuTests
{
    [Fact]
    public void MatchesSacreBleuPublishedExample()
    {
        // sacreBLEU's README: BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)
        string[] sys = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        string[][] refs =
        [
            ["The dog bit the man.", "The dog had bit the man."],
            ["It was not unexpected.", "No one was surprised."],
            ["The man bit him first.", "The man had bitten the dog."],
        ];
        var score = Bleu.Corpus(sys, refs);
        Assert.Equal(48.53, Math.Round(score.Score, 2));
        Assert.Equal([82.4, 50.0, 45.5, 37.5], score.Precisions.Select(p => Math.Round(p, 1)));
        Assert.Equal(0.943, Math.Round(score.BrevityPenalty, 3));
        Assert.Equal(17, score.HypothesisLength);
        Assert.Equal(18, score.ReferenceLength);
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", score.ToString());
    }

    [Fact]
    public void IdenticalIsHundredAndDisjointIsZero()
    {
        Assert.Equal(100.0, Bleu.Corpus(["a b c d e"], [["a b c d e"]]).Score, 9);
        Assert.Equal(0.0, Bleu.Corpus(["a b c d e"], [["v w x y z"]]).Score, 9);
    }

    [Fact]
    public void Tokenizer13aSplitsPunctuationButNotDecimalsOrApostrophes()
    {
        // the apostrophe (0x27) lies outside 13a's symbol ranges, so "wasn't" stays one token
        Assert.Equal(["It", "wasn't", "3.5", "km", ",", "ok", "(", "a", ")", "."], Tokenizer13a.Tokenize("It wasn't 3.5 km, ok (a)."));
    }

    [Fact]
    public void SentenceBleuUsesEffectiveOrder()
    {
        // a two-token hypothesis has no 3- or 4-grams: effective order 2, precisions 100 → 100
        Assert.Equal(100.0, Bleu.Sentence("a b", ["a b"]), 9);
    }

    [Fact]
    public void CorpusBootstrapCentresOnCorpusBleu()
    {
        string[] sys = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him.", "A cat sat."];
        string[][] refs =
        [
            ["The dog bit the man.", "The dog had bit the man."],
            ["It was not unexpected.", "No one was surprised."],
            ["The man bit him first.", "The man had bitten the dog."],
            ["The cat sat on the mat."],
        ];
        var metric = Bleu.CorpusBootstrap(sys, refs, seed: 1, resamples: 200);
        Assert.Equal(Bleu.Corpus(sys, refs).Score, metric.Mean, 9);
        Assert.True(metric.Lower <= metric.Mean && metric.Mean <= metric.Upper, metric.ToString());
        Assert.True(metric.Upper > metric.Lower);
        Assert.Equal(4, metric.Samples);
        Assert.Equal(metric, Bleu.CorpusBootstrap(sys, refs, seed: 1, resamples: 200));
    }
}
