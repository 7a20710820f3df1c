using TextDiffusion.Evaluation;

namespace TextDiffusion.Tests.Evaluation;

public class LmScoreTests
{
    [Fact]
    public void LmScoreIsExpOfTheMeanOfPerSentenceMeanNllAsTheReference()
    {
        // A one-token sentence with NLL 2 and a four-token one with NLL 10: per-sentence means 2 and 2.5.
        var score = LmScore.FromSentences([2.0, 10.0], [1L, 4L]);

        Assert.Equal(Math.Exp((2.0 + 2.5) / 2), score.Mean, 12);        // the reference's eval_ppl
        Assert.NotEqual(Math.Exp(12.0 / 5), score.Mean, 6);             // not token-pooled
    }
}
