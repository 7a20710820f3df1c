using TextDiffusion.Evaluation;

namespace TextDiffusion.Tests.Evaluation;

public class MetricTests
{
    [Fact]
    public void RougeAgainstHandComputedCase()
    {
        const string hyp = "the cat sat on the mat", reference = "the cat was on the mat";
        Assert.Equal(5.0 / 6, Rouge.N(hyp, reference, 1).F1, 12);   // the×2, cat, on, mat
        Assert.Equal(3.0 / 5, Rouge.N(hyp, reference, 2).F1, 12);   // the cat, on the, the mat
        Assert.Equal(5.0 / 6, Rouge.L(hyp, reference).F1, 12);      // LCS: the cat on the mat
        Assert.Equal(0.0, Rouge.L("a b", "c d").F1);
    }

    [Fact]
    public void MbrPicksTheConsensusCandidate()
    {
        string[] candidates = ["the pub is cheap", "zebra quantum flute", "the pub is cheap and near", "the pub is near"];
        Assert.Equal("the pub is cheap", Mbr.Select(candidates));
    }

    [Fact]
    public void DistinctNCountsUniqueNgrams()
    {
        var sentences = new[] { new[] { "a", "b", "a" }, new[] { "a", "b" } };
        Assert.Equal(2.0 / 5, Diversity.DistinctN(sentences, 1), 12);
        Assert.Equal(2.0 / 3, Diversity.DistinctN(sentences, 2), 12); // a b, b a, a b
    }

    [Fact]
    public void DegenerateSamplesAreFlagged()
    {
        Assert.True(Degeneracy.IsDegenerate(["the", "the", "the", "the", "pub"]));
        Assert.False(Degeneracy.IsDegenerate(["the", "the", "the", "pub"]));
        Assert.True(Degeneracy.IsDegenerate(["UNK", "UNK", "pub", "is"]));
        Assert.False(Degeneracy.IsDegenerate(["UNK", "a", "pub", "is", "near", "here"]));
    }
}
