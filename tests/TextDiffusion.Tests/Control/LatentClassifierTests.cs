using TextDiffusion.Data;
using TextDiffusion.Control;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Syntax;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Tests.Control;

[Collection(GlobalRandomStateCollection.Name)]
public class LatentClassifierTests
{
    /// <summary>A Diffusion-LM small enough to train classifiers on in a test (shared by the control classifier tests).</summary>
    internal static DiffusionLMConfig Tiny => new(VocabSize: 10, SequenceLength: 6, EmbeddingDim: 4, DiffusionSteps: 50,
        ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0);

    public static TheoryData<string> Kinds => new() { "tag", "span", "token" };

    static (LatentClassifier Classifier, Tensor Target) Make(string kind)
    {
        var net = Tiny.Denoiser;
        return kind switch
        {
            "tag" => (new TagClassifier(net, 4), torch.Tensor(new long[] { 1, 3, 3, 2, 0, -1, 1, 3, 2, 0, 0, 0 }, [2, 6])),
            "span" => (new SpanClassifier(net, 3, features: 8), SpanTarget()),
            _ => (new ControlTokenClassifier(net, vocabSize: 7, maxControlLength: 4, separatorId: 4), torch.Tensor(new long[] { 5, 4, 6, 2, 4, 6, 2, -1 }, [2, 4])),
        };
    }

    static Tensor SpanTarget()
    {
        var grid = Enumerable.Repeat(-1L, 2 * 36).ToArray();
        grid[1 * 6 + 2] = 1; grid[1 * 6 + 1] = 0; grid[36 + 2 * 6 + 4] = 2;
        return torch.Tensor(grid, [2, 6, 6]);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void LogProbIsTheSumOfTheConstrainedEntriesAndLossTheirMean(string kind)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(5);
        var (classifier, target) = Make(kind);
        using var _ = classifier;
        classifier.Eval();
        using var gen = new Generator(6);
        var x = torch.Randn([2, 6, 4], generator: gen);
        var t = torch.Tensor(new long[] { 3, 40 });
        var logp = classifier.LogProb(x, t, target).ToArray<float>();
        Assert.All(logp, v => Assert.True(v < 0));
        long constrained = kind == "token" ? 4 : target.Ge(0).Sum().ItemLong();   // token: the entries after ':'  (6 2, 6 2)
        if (kind != "span")   // the span loss balances its classes (next test)
            Assert.Equal(-(logp[0] + logp[1]) / constrained, classifier.Loss(x, t, target).Item(), 1e-4);
        var mean = classifier.MeanLogProb(x, t, target).ToArray<float>();                 // the control objective: per scored entry
        var counts = classifier.ScoredCount(target).ToArray<float>();
        Assert.Equal(constrained, (long)counts.Sum());
        if (kind == "span")
        {
            // Balanced as the span loss: row 0 = ½·log p([1,2] = 1) + ½·log p([1,1] = none); row 1 has one constituent, [2,4] = 2.
            var entry = classifier.Logits(x, t, target).LogSoftmax(-1).ToArray<float>();   // [2, 6, 6, 3]
            float At(int b, int i, int j, int c) => entry[((b * 6 + i) * 6 + j) * 3 + c];
            Assert.Equal(0.5 * At(0, 1, 2, 1) + 0.5 * At(0, 1, 1, 0), mean[0], 4);
            Assert.Equal(At(1, 2, 4, 2), mean[1], 4);
        }
        else
            for (int r = 0; r < 2; r++) Assert.Equal(logp[r] / counts[r], mean[r], 4);
        var (correct, total) = classifier.Hits(x, t, target);
        Assert.Equal(kind == "token" ? 4 : target.Gt(0).Sum().ItemLong(), total.Sum());
        if (kind != "token")
            Assert.Equal(target.Gt(0).Reshape(2, -1).Sum(1).ToArray<long>(), total);   // per row: its own informative entries
        Assert.All(correct.Zip(total), h => Assert.InRange(h.First, 0, h.Second));
    }

    [Fact]
    public void ControlTokenClassifierReadsTheFieldAndScoresOnlyTheValueAfterTheSeparator()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        using var classifier = new ControlTokenClassifier(Tiny.Denoiser, vocabSize: 7, maxControlLength: 4, separatorId: 4);
        classifier.Eval();
        using var gen = new Generator(8);
        var x = torch.Randn([1, 6, 4], generator: gen);
        var t = torch.Tensor(new long[] { 10 });
        var target = torch.Tensor(new long[] { 5, 4, 6, 2 }, [1, 4]);              // field 5, ':', value 6, EOS
        var logp = classifier.Logits(x, t, target).LogSoftmax(-1).ToArray<float>();   // [1, 4, 7]
        double expected = logp[2 * 7 + 6] + logp[3 * 7 + 2];                         // log p(6 | …) + log p(EOS | …)
        Assert.Equal(expected, classifier.LogProb(x, t, target).Item(), 4);
        var otherField = torch.Tensor(new long[] { 3, 4, 6, 2 }, [1, 4]);
        Assert.NotEqual(classifier.LogProb(x, t, target).Item(), classifier.LogProb(x, t, otherField).Item());   // the field is read
        var otherX = torch.Randn([1, 6, 4], generator: gen);
        Assert.NotEqual(classifier.LogProb(x, t, target).Item(), classifier.LogProb(otherX, t, target).Item(), 3);   // and so is x_t
    }

    /// <summary>A small span scorer (seed 5, eval mode) with latents x [2, 6, 4] (seed 6) at model times 3 and 40.</summary>
    static (SpanClassifier Classifier, Tensor X, Tensor T) SeededSpanClassifier()
    {
        torch.ManualSeed(5);
        var classifier = new SpanClassifier(Tiny.Denoiser, 3, features: 8);
        classifier.Eval();
        using var gen = new Generator(6);
        return (classifier, torch.Randn([2, 6, 4], generator: gen), torch.Tensor(new long[] { 3, 40 }));
    }

    [Fact]
    public void SpanLossWeighsConstituentsAndNonConstituentsEqually()
    {
        using var scope = torch.NewDisposeScope();
        var (classifier, x, t) = SeededSpanClassifier();
        using var _ = classifier;
        // log p of one span's label alone, read off LogProb with a target constraining only that span
        double Single(int row, int i, int j, long label)
        {
            var grid = Enumerable.Repeat(-1L, 2 * 36).ToArray();
            grid[row * 36 + i * 6 + j] = label;
            return classifier.LogProb(x, t, torch.Tensor(grid, [2, 6, 6])).ToArray<float>()[row];
        }
        // SpanTarget: constituents (0; 1..2) = 1 and (1; 2..4) = 2, one non-constituent (0; 1..1) = 0
        double expected = 0.5 * -(Single(0, 1, 2, 1) + Single(1, 2, 4, 2)) / 2 + 0.5 * -Single(0, 1, 1, 0);
        Assert.Equal(expected, classifier.Loss(x, t, SpanTarget()).Item(), 1e-4);
    }

    [Fact]
    public void SpanGuidanceOnTheConstrainedSpansEqualsTheFullLogitsInValueAndGradient()
    {
        using var scope = torch.NewDisposeScope();
        var (classifier, x, t) = SeededSpanClassifier();
        using var _ = classifier;
        var target = SpanTarget();
        var fullX = x.Clone().RequiresGrad_();
        var logp = classifier.Logits(fullX, t, target).LogSoftmax(-1);
        var index = target.MaskedFill(target.Lt(0), 0).Unsqueeze(-1);
        var full = logp.Gather(-1, index).Squeeze(-1) * target.Ge(0).To(DType.Float32);   // [2, 6, 6], 0 where free
        full.Sum().Backward();
        var sparseX = x.Clone().RequiresGrad_();
        var sparse = classifier.ConstrainedLogProb(sparseX, t, target);
        sparse.Sum().Backward();
        Assert.Equal(full.ToArray<float>(), sparse.ToArray<float>(), (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal(3, sparse.Ne(0).Sum().ItemLong());   // the three constrained spans of SpanTarget, no other entry
        Assert.Equal(fullX.Grad!.ToArray<float>(), sparseX.Grad!.ToArray<float>(), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void GradientOfLogProbReachesTheLatents(string kind)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        var (classifier, target) = Make(kind);
        using var _ = classifier;
        classifier.Eval();
        var x = torch.Randn([2, 6, 4]).RequiresGrad_();
        classifier.LogProb(x, torch.Tensor(new long[] { 1, 2 }), target).Sum().Backward();
        Assert.True(x.Grad!.Abs().Sum().Item() > 0);
    }

    [Fact]
    public void TrainingOnNoisyLatentsLearnsTheLengthOfCleanSentences()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(8);
        using var model = new DiffusionLM(Tiny);
        var rows = new List<long[]>();
        var lengths = new List<int>();
        var random = new Random(9);
        for (int i = 0; i < 64; i++)
        {
            int n = random.Next(1, 5);
            var row = new long[6];
            row[0] = 1;
            for (int k = 1; k <= n; k++) row[k] = random.Next(5, 10);
            row[n + 1] = 2;
            rows.Add(row);
            lengths.Add(n);
        }
        var labels = new ControlLabels(6, ["NOUN"], [], WordTokenizer.Train(["a"]), 2);
        var data = new ControlDataset(rows, i => labels.LengthRow(lengths[i]), [6]);
        using var classifier = new TagClassifier(Tiny.Denoiser, ControlLabels.LengthClasses);
        var all = Enumerable.Range(0, rows.Count).ToList();
        double before = ClassifierTraining.Accuracy(classifier, model, data, all, t: 0).Mean;
        ClassifierTraining.Train(classifier, model, data, all, steps: 150, batchSize: 16, learningRate: 3e-3, seed: 1);
        double clean = ClassifierTraining.Accuracy(classifier, model, data, all, t: 0).Mean;
        var noisy = ClassifierTraining.Accuracy(classifier, model, data, all, t: 49);   // with its bootstrap interval over the 64 sentences
        Assert.True(noisy.Lower <= noisy.Mean && noisy.Mean <= noisy.Upper && noisy.Upper > noisy.Lower, $"{noisy}");
        Assert.True(clean > 0.95 && clean > before, $"accuracy on clean latents {before:P0} → {clean:P0}");
        Assert.True(noisy.Upper < clean, $"pure noise ({noisy}) must be harder than clean input ({clean:P0}) beyond the interval");
    }

    [Fact]
    public void TrainingTimestepsFollowTheSquaredUniformLaw()
    {
        // P(t < k) = √(k/T) for t = ⌊T·u²⌋: half the draws below T/4, a tenth below T/100.
        using var scope = torch.NewDisposeScope();
        using var gen = new Generator(3);
        var t = ClassifierTraining.TrainingTimesteps(2000, 200_000, Device.Cpu, gen).ToArray<long>();
        Assert.All(t, v => Assert.InRange(v, 0, 1999));
        foreach (var k in new[] { 20, 500, 1000 })
        {
            double below = t.Count(v => v < k) / (double)t.Length;
            Assert.True(Math.Abs(below - Math.Sqrt(k / 2000.0)) < 0.005, $"P(t < {k}) = {below:F4}, expected {Math.Sqrt(k / 2000.0):F4}");
        }
    }

    [Fact]
    public void TrainingOnNoisyLatentsLearnsWhichSpanIsTheSentence()
    {
        // Span [1, n] (the words of a sentence of n words) is labelled S, every other span "none":
        // the span scorer must find the sentence's end from the latents.
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(8);
        using var model = new DiffusionLM(Tiny);
        var random = new Random(9);
        var lengths = Enumerable.Range(0, 64).Select(_ => random.Next(1, 5)).ToList();
        var rows = lengths.Select(n => new long[] { 1 }.Concat(Enumerable.Range(0, n).Select(_ => (long)random.Next(5, 10))).Append(2)
            .Concat(Enumerable.Repeat(0L, 4 - n)).ToArray()).ToList();
        var labels = new ControlLabels(6, ["NOUN"], ["S"], WordTokenizer.Train(["a"]), 2);
        var data = new ControlDataset(rows, i => labels.Tree(lengths[i], [new LabeledSpan("S", 0, lengths[i] - 1)]), [6, 6]);
        using var classifier = new SpanClassifier(Tiny.Denoiser, labels.SpanClasses, features: 8);
        var all = Enumerable.Range(0, rows.Count).ToList();
        ClassifierTraining.Train(classifier, model, data, all, steps: 200, batchSize: 16, learningRate: 3e-3, seed: 1);
        double clean = ClassifierTraining.Accuracy(classifier, model, data, all, t: 0).Mean;
        Assert.True(clean > 0.9, $"accuracy on the sentence spans of clean latents {clean:P0}");
        // and the other spans stay "none" (labelling every span S would pass the check above)
        using var gen = new Generator(4);
        var (ids, target) = ClassifierTraining.Gather(data, all, null);
        var (xt, ts) = ClassifierTraining.NoisyLatents(model, ids, gen, t: 0);
        classifier.Eval();
        using var noGrad = torch.NoGrad();
        var none = target.Eq(0);
        double noneRight = classifier.Logits(xt, ts, target).ArgMax(-1).Eq(0).LogicalAnd(none).Sum().ItemLong() / (double)none.Sum().ItemLong();
        Assert.True(noneRight > 0.9, $"accuracy on the other spans {noneRight:P0}");
    }

    [Fact]
    public void TrainingOnNoisyLatentsLearnsToReadAFieldsValueOffTheSentence()
    {
        // Sentences "BOS a b EOS" with a ∈ {5, 6} (the colour word) and b ∈ {7, 8} (the size word), in either order;
        // the control "colour : <a>" or "size : <b>" — the value is only in x_t (its prior is 50 %).
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(8);
        using var model = new DiffusionLM(Tiny);
        var random = new Random(9);
        string[] words = ["five", "six", "seven", "eight"];
        var examples = Enumerable.Range(0, 64).Select(_ =>
        {
            long a = random.Next(5, 7), b = random.Next(7, 9);
            bool swap = random.Next(2) == 0, askColour = random.Next(2) == 0;
            long[] row = swap ? [1, b, a, 2, 0, 0] : [1, a, b, 2, 0, 0];
            var slot = askColour ? new MrSlot("colour", words[a - 5]) : new MrSlot("size", words[b - 5]);
            return (Row: row, Control: ControlClassifiers.SemanticControl(slot));
        }).ToList();
        var tokenizer = WordTokenizer.Train(examples.Select(e => string.Join(' ', e.Control.PromptTokens().Skip(1))), minCount: 1);
        var labels = new ControlLabels(6, ["NOUN"], [], tokenizer, 4);
        var data = new ControlDataset(examples.Select(e => e.Row).ToList(), i => labels.Semantic(examples[i].Control), [4]);
        using var classifier = new ControlTokenClassifier(Tiny.Denoiser, tokenizer.VocabSize, 4, tokenizer.TokenToId(":"));
        var all = Enumerable.Range(0, examples.Count).ToList();
        ClassifierTraining.Train(classifier, model, data, all, steps: 300, batchSize: 16, learningRate: 3e-3, seed: 1);
        double clean = ClassifierTraining.Accuracy(classifier, model, data, all, t: 0).Mean;
        Assert.True(clean > 0.95, $"accuracy on the value and EOS from clean latents {clean:P0} (value prior: 75 %)");
    }

    [Fact]
    public void ACheckpointedClassifierIsReusedNotRetrained()
    {
        using var scope = torch.NewDisposeScope();
        var dir = Path.Combine(Path.GetTempPath(), $"td-classifier-{Guid.NewGuid():N}");
        try
        {
            torch.ManualSeed(8);
            using var model = new DiffusionLM(Tiny);
            var rows = Enumerable.Range(1, 8).Select(n => new long[] { 1, 5 + n % 5, 2, 0, 0, 0 }).ToList();
            var labels = new ControlLabels(6, ["NOUN"], [], WordTokenizer.Train(["a"]), 2);
            var data = new ControlDataset(rows, _ => labels.LengthRow(1), [6]);
            var all = Enumerable.Range(0, rows.Count).ToList();
            using var first = new TagClassifier(Tiny.Denoiser, ControlLabels.LengthClasses);
            var trained = ClassifierTraining.Train(first, model, data, all, steps: 5, batchSize: 4, checkpointDir: dir);
            using var second = new TagClassifier(Tiny.Denoiser, ControlLabels.LengthClasses);
            var reused = ClassifierTraining.Train(second, model, data, all, steps: 5, batchSize: 4, checkpointDir: dir);
            Assert.Equal((5, 0), (trained.StepsRun, reused.StepsRun));
            Assert.Equal(trained.WallSeconds, reused.WallSeconds, 9);                       // the stored training time, not this call's
            foreach (var ((name, a), (_, b)) in first.NamedParameters().Zip(second.NamedParameters()))
                Assert.True(a.Eq(b).All().Item() > 0, $"{name} differs after reloading the checkpoint");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
