using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Tests.Control;

[Collection(GlobalRandomStateCollection.Name)]
public class ValueTaggerTests
{
    static DiffusionLMConfig Tiny => LatentClassifierTests.Tiny;

    static readonly WordTokenizer Tokens = WordTokenizer.Train(["name : The Eagle", "food : Italian", "area : city centre"], minCount: 1);

    [Fact]
    public void TagsMarkEachValueWhereItOccursIgnoringCase()
    {
        var labels = new ControlLabels(10, ["NOUN"], [], Tokens, 6);
        var tags = labels.SemanticTags(["the", "eagle", "serves", "italian", "food", "."],
            [new MrSlot("name", "The Eagle"), new MrSlot("food", "Italian"), new MrSlot("area", "city centre")]);
        long Id(string w) => Tokens.TokenToId(w);
        Assert.Equal([0, Id("The"), Id("Eagle"), 0, Id("Italian"), 0, 0, 0, 0, 0], tags);   // "city centre" does not occur
    }

    [Fact]
    public void LogProbIsTheLogOfTheMeanOverStartsOfTheValuesSpanProbability()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        int colon = Tokens.TokenToId(":"), v1 = Tokens.TokenToId("city"), v2 = Tokens.TokenToId("centre"), field = Tokens.TokenToId("area");
        using var tagger = new ValueTagger(Tiny.Denoiser, Tokens.VocabSize, colon);
        tagger.Eval();
        using var gen = new Generator(4);
        var x = torch.Randn([1, 6, 4], generator: gen);
        var t = torch.Tensor(new long[] { 5 });
        var target = torch.Tensor(new long[] { field, colon, v1, v2, SpecialTokens.Eos, -1 }, [1, 6]);
        var logp = tagger.Logits(x, t, target).LogSoftmax(-1).ToArray<float>();           // [1, 6, V]
        int v = Tokens.VocabSize;
        double sum = 0;
        for (int s = 0; s + 1 < 6; s++) sum += Math.Exp(logp[s * v + v1] + logp[(s + 1) * v + v2]);   // starts where both fit
        double expected = Math.Log(sum / 6);
        Assert.Equal(expected, tagger.LogProb(x, t, target).Item(), 3);
        Assert.Equal(expected / 2, tagger.MeanLogProb(x, t, target).Item(), 3);          // the control objective: per value token
    }

    [Fact]
    public void TrainingOnNoisyLatentsLearnsToTagTheValues()
    {
        // Sentences "BOS a b EOS": word 5 or 6 is a value ("five" / "six"), 7 and 8 are not.
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(8);
        using var model = new DiffusionLM(Tiny);
        var random = new Random(9);
        var tokens = WordTokenizer.Train(["colour : five", "colour : six"], minCount: 1);
        var labels = new ControlLabels(6, ["NOUN"], [], tokens, 4);
        string[] words = ["five", "six", "seven", "eight"];
        var rows = Enumerable.Range(0, 64).Select(_ =>
        {
            long a = random.Next(5, 7), b = random.Next(7, 9);
            return random.Next(2) == 0 ? new long[] { 1, a, b, 2, 0, 0 } : [1, b, a, 2, 0, 0];
        }).ToList();
        var data = new ControlDataset(rows, i => labels.SemanticTags([words[rows[i][1] - 5], words[rows[i][2] - 5]],
            [new MrSlot("colour", words[Math.Min(rows[i][1], rows[i][2]) - 5])]), [6]);
        using var tagger = new ValueTagger(Tiny.Denoiser, tokens.VocabSize, tokens.TokenToId(":"));
        var all = Enumerable.Range(0, rows.Count).ToList();
        ClassifierTraining.Train(tagger, model, data, all, steps: 200, batchSize: 16, learningRate: 3e-3, seed: 1);
        double clean = ClassifierTraining.Accuracy(tagger, model, data, all, t: 0).Mean;
        Assert.True(clean > 0.95, $"value positions tagged right on clean latents: {clean:P0}");
    }
}
