using TextDiffusion.Discrete;
using TextDiffusion.Experiments;
using Torch;

namespace TextDiffusion.Tests.Experiments;

[Collection(GlobalRandomStateCollection.Name)]
public class SentenceMdlmTests
{
    [Fact]
    public void The_denoising_goes_from_all_masked_to_text_and_never_changes_a_revealed_token()
    {
        var corpus = SentenceCorpus.FromLines(["the cat sat on the mat .", "a dog ran to the log ."], sequenceLength: 10);
        torch.ManualSeed(0);
        using var model = new MaskedDiffusionLM(SentenceMdlm.Config(corpus, modelDim: 16, layers: 1));

        var frames = SentenceMdlm.Denoising(model, corpus, steps: 9, seed: 3, frames: 5);

        Assert.Equal(5, frames.Count);
        Assert.Equal(1.0, frames[0].T);
        Assert.Equal(0.0, frames[^1].T);
        Assert.All(frames[0].Text.Split(' '), token => Assert.Equal("_", token));
        Assert.DoesNotContain("_", frames[^1].Text.Split(' '));
        for (int i = 1; i < frames.Count; i++)
        {
            var (before, after) = (frames[i - 1].Text.Split(' '), frames[i].Text.Split(' '));
            Assert.Equal(before.Length, after.Length);
            Assert.All(before.Zip(after), pair => Assert.True(pair.First == "_" || pair.First == pair.Second, $"{pair.First} became {pair.Second}"));
        }
    }
}
