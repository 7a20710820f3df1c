using TextDiffusion.Seq2Seq;
using TextDiffusion.Training;
using Torch;
using Torch.Optim;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Seq2Seq;

[Collection(GlobalRandomStateCollection.Name)]
public class TranslatorTests(ITestOutputHelper output)
{
    static TranslatorConfig Tiny(int vocab) => new(vocab, ModelDim: 64, EncoderLayers: 2,
        DecoderLayers: 2, Heads: 4, FeedForwardDim: 128, Dropout: 0.0, MaxSourceLength: 16, MaxTargetLength: 16, NormFirst: true);

    [Fact]
    public void AutoregressiveBaselineCopiesWithGreedyAndBeamSearch()
    {
        torch.ManualSeed(2);
        var train = CopyTask.Corpus(2000, 16, 3, 8, seed: 3);
        var test = CopyTask.Corpus(32, 16, 3, 8, seed: 4);
        using var model = new TransformerTranslator(Tiny(16));
        var options = new TrainingOptions(Steps: 500, LearningRate: 3e-3, Seed: 2, LogEvery: 100) { Schedule = new InverseSqrtSchedule(50) };
        var result = Seq2SeqTraining.Train(model, train, options, Seq2SeqTraining.Batching(32, seed: 1));
        using var source = Seq2SeqBatch.Ids(test.Sources);
        var greedy = model.Greedy(source, maxLength: 12);
        var beam = model.BeamSearch(source, beam: 4, maxLength: 12);
        double Exact(int[][] hyps) => hyps.Zip(test.Targets).Count(p => p.First.SequenceEqual(p.Second)) / (double)hyps.Length;
        output.WriteLine($"loss {result.FinalLoss:F3}; exact match greedy {Exact(greedy):P0}, beam {Exact(beam):P0}; {result.WallSeconds:F1}s");
        Assert.True(Exact(greedy) > 0.7);
        Assert.True(Exact(beam) >= Exact(greedy) - 0.1);
        // the AR model prefers the true copy over a corrupted one (what reranking relies on)
        var scores = model.ScoreCandidates(source, test.Targets.Select(t => new[] { t, t.Reverse().ToArray() }).ToArray());
        Assert.True(scores.Count(s => s[0] > s[1]) >= 30);
    }

    [Fact]
    public void BeamSearchOfWidthOneIsGreedy()
    {
        torch.ManualSeed(8);
        using var model = new TransformerTranslator(Tiny(10));
        using var source = Seq2SeqBatch.Ids([[5, 6, 7], [8, 9, 5, 6]]);
        Assert.Equal(model.Greedy(source, 6), model.BeamSearch(source, beam: 1, maxLength: 6, lengthPenalty: 0));
    }
}
