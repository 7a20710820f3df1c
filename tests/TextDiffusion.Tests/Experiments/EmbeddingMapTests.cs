using TextDiffusion.Experiments;
using Xunit;

namespace TextDiffusion.Tests.Experiments;

public class EmbeddingMapTests
{
    // Two tags on two far-apart lines: every word's nearest neighbours share its tag.
    static (List<double[]> Vectors, List<string> Tags) TwoClusters(bool interleaved)
    {
        var (vectors, tags) = (new List<double[]>(), new List<string>());
        for (int i = 0; i < 8; i++)
        {
            vectors.Add([i, i < 4 ? 0 : 100]);
            tags.Add(interleaved ? (i % 2 == 0 ? "NOUN" : "VERB") : (i < 4 ? "NOUN" : "VERB"));
        }
        return (vectors, tags);
    }

    [Fact]
    public void SeparatedTagsAgreeFully_AndChanceIsTheShareOfOtherWordsWithTheSameTag()
    {
        var (vectors, tags) = TwoClusters(interleaved: false);
        var agreement = EmbeddingMap.Agreement(vectors, tags, k: 3);
        Assert.Equal(1.0, agreement.Share.Mean, 12);
        Assert.Equal(0.0, agreement.Share.HalfWidth, 12);
        Assert.Equal(3.0 / 7.0, agreement.Chance, 12);   // each word: 3 of the 7 others carry its tag
        Assert.Equal(8, agreement.Share.Samples);
    }

    [Fact]
    public void AlternatingTagsOnALine_AgreeByTheirExactNeighbourCounts()
    {
        // Points 0..3 at x = 0..3 (y 0), tags N V N V, the rest far away: x = 0's two nearest are x = 1 (V) and x = 2 (N): 1/2;
        // x = 1's are 0 (N) and 2 (N): 0; x = 2's are 1 (V) and 3 (V): 0; x = 3's are 2 (N) and 1 (V): 1/2. The four far ones mirror them.
        var (vectors, tags) = TwoClusters(interleaved: true);
        var agreement = EmbeddingMap.Agreement(vectors, tags, k: 2);
        Assert.Equal(0.25, agreement.Share.Mean, 12);
        Assert.True(agreement.Share.HalfWidth > 0);
    }

    [Fact]
    public void TooManyNeighbours_IsRejectedWithTheRange()
    {
        var (vectors, tags) = TwoClusters(interleaved: false);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingMap.Agreement(vectors, tags, k: 8));
        Assert.Contains("1 … 7", error.Message);
    }
}
