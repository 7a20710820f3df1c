using TextDiffusion.Evaluation;

namespace TextDiffusion.Tests.Evaluation;

public class TrigramJudgeTests
{
    static readonly TrigramJudge Judge = new(["a b", "a c"]);   // a b </s> a c </s>: N = 6 tokens, 4 word types

    [Fact]
    public void The_first_word_interpolates_down_to_add_one_unigrams_by_hand()
    {
        double p1 = (2 + 1.0) / (6 + 4 + 1);                 // c(a) = 2
        double p2 = (2 - 0.75 + 0.75 * 1 * p1) / 2;         // after <s>: a twice, one distinct word
        double p3 = (2 - 0.75 + 0.75 * 1 * p2) / 2;         // after <s> <s>: the same

        Assert.Equal(p3, Judge.Probability("\u0001", "\u0001", "a"), 12);
    }

    [Fact]
    public void Every_context_gives_a_distribution_over_the_words_and_one_unseen_word()
    {
        foreach (var (u, v) in new[] { ("\u0001", "\u0001"), ("\u0001", "a"), ("a", "b"), ("x", "y") })
        {
            double total = new[] { "a", "b", "c", "\u0001", "never-seen" }.Sum(w => Judge.Probability(u, v, w));
            Assert.Equal(1.0, total, 12);
        }
    }

    [Fact]
    public void The_score_is_exp_of_the_mean_of_per_sentence_mean_nll()
    {
        string[] sentences = ["a b", "a c b"];
        double expected = Math.Exp(sentences.Average(Judge.MeanNll));

        Assert.Equal(expected, Judge.Score(sentences).Mean, 12);
        Assert.True(Judge.MeanNll("a b") < Judge.MeanNll("b a"));   // seen order is more likely
    }
}
