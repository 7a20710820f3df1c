using TextDiffusion.Evaluation;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Training;
using Torch;
using Torch.Optim;
using Torch.Tests;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Seq2Seq;

[Collection(GlobalRandomStateCollection.Name)]
public class DifformerCopyTests(ITestOutputHelper output)
{
    internal static DifformerConfig TinyConfig(int vocab, DifformerModules modules) => new(vocab, LatentDim: 16, ModelDim: 64,
        EncoderLayers: 2, DecoderLayers: 2, Heads: 4, FeedForwardDim: 128, Dropout: 0.0, MaxSourceLength: 16, MaxTargetLength: 16,
        NormFirst: true) { Modules = modules };

    [Fact]
    public void TinyDifformerLearnsToCopy() => LearnsToCopy(Device.Cpu);

    /// <summary>The same seeded run on the GPU: training and decoding on CUDA (skipped where libtorch sees none).</summary>
    [CudaFact]
    public void TinyDifformerLearnsToCopyOnTheGpu() => LearnsToCopy(Device.Cuda(0));

    void LearnsToCopy(Device device)
    {
        // Seeded end to end: train 300 steps on the copy task, decode held-out sources, BLEU ≫ 0.
        torch.ManualSeed(1);
        var train = CopyTask.Corpus(2000, 16, 3, 8, seed: 1);
        var test = CopyTask.Corpus(64, 16, 3, 8, seed: 2);
        using var model = new Difformer(TinyConfig(16, DifformerModules.Full));
        model.To(device);
        var options = new TrainingOptions(Steps: 300, LearningRate: 3e-3, WeightDecay: 0.01, Seed: 1, LogEvery: 50)
            { Schedule = new InverseSqrtSchedule(50) };
        var result = Seq2SeqTraining.Train(model, train, options, Seq2SeqTraining.Batching(32, seed: 1));
        using var ids = Seq2SeqBatch.Ids(test.Sources);
        using var source = ids.To(device);
        using var gen = new Generator(5, device);
        var hyps = model.Translate(source, new DecodingOptions(Steps: 10, LengthBeam: 3, NoiseBeam: 2, Selection: CandidateSelection.Mbr), gen);
        var bleu = Bleu.Corpus(CopyTask.Text(hyps), test.References.Select(r => (IReadOnlyList<string>)[r]).ToList());
        output.WriteLine($"{device}: loss {result.LossCurve[0].Loss:F3} → {result.FinalLoss:F3}; {bleu}; {result.WallSeconds:F1}s");
        Assert.Equal(device.Type, model.Embeddings.Device.Type);
        Assert.True(bleu.Score > 50, bleu.ToString());
    }
}
