using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Tests.Seq2Seq;

public class DifformerModuleTests
{
    const int Vocab = 12;

    // Only the token loss is on (diffusion MSE and length loss weighted 0), no dropout, no self-conditioning.
    static Difformer TokenLossOnly(bool anchor)
    {
        torch.ManualSeed(3);
        var config = DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full with { TokenLoss = anchor ? TokenLoss.Anchor : TokenLoss.Rounding }) with
        {
            DiffusionLossWeight = 0, LengthLossFactor = 0, SelfConditioning = false, LabelSmoothing = 0,
        };
        return new Difformer(config);
    }

    static (Tensor Source, Tensor Target, Tensor T, Tensor Noise) Inputs()
    {
        var target = torch.Tensor(new long[] { 5, 6, 7, 8, 9, 10, 11, 0 }, [2, 4]);
        var t = torch.Tensor(new long[] { 100, 1500 });
        using var gen = new Generator(11);
        var noise = torch.Randn([2, 4, 16], generator: gen);
        return (target.Clone(), target, t, noise);
    }

    static double GradNorm(IEnumerable<Tensor> parameters) =>
        parameters.Sum(p => p.Grad is { } g ? g.Pow(2).Sum().Item() : 0.0);

    [Fact]
    public void AnchorLossGradientReachesTheEmbeddingsThroughThePrediction()
    {
        using var scope = torch.NewDisposeScope();
        using var model = TokenLossOnly(anchor: true);
        var (source, target, t, noise) = Inputs();
        model.Loss(source, target, t, noise, selfCondition: false).Total.Backward();
        var full = model.Embeddings.Grad!.Clone();
        Assert.True(full.Abs().Sum().Item() > 0);
        Assert.True(GradNorm(model.Decoder.Parameters()) > 0, "the anchor loss must train the denoiser");

        // The same loss with the path z0 → z_t → ẑ0 cut: what remains reaches E only through the output layer.
        model.ZeroGrad();
        var (states, sourcePadding) = model.Encode(source);
        var zt = model.Noise(model.EmbedTarget(target).Detach(), t, noise);
        var z0Hat = model.Denoise(zt, t, target.Eq(SpecialTokens.Pad), states, sourcePadding);
        F.CrossEntropy(model.OutputLogits(z0Hat).Reshape(-1, Vocab), target.Reshape(-1), SpecialTokens.Pad).Backward();
        var throughPrediction = (full - model.Embeddings.Grad!).Abs().Sum().Item();
        Assert.True(throughPrediction > 1e-4 * full.Abs().Sum().Item(), $"gradient via ẑ0: {throughPrediction}");
    }

    [Fact]
    public void RoundingLossLeavesTheDenoiserWithoutGradient()
    {
        // Diffusion-LM's rounding loss decodes the true z0: with the other losses off, nothing flows through ẑ0.
        using var scope = torch.NewDisposeScope();
        using var model = TokenLossOnly(anchor: false);
        var (source, target, t, noise) = Inputs();
        model.Loss(source, target, t, noise, selfCondition: false).Total.Backward();
        Assert.True(model.Embeddings.Grad!.Abs().Sum().Item() > 0);
        Assert.Equal(0.0, GradNorm(model.Decoder.Parameters()));
        Assert.Equal(0.0, GradNorm(model.Encoder.Parameters()));
    }

    [Fact]
    public void WithoutATokenLossOnlyTheMseShapesTheEmbeddings()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var model = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full with { TokenLoss = TokenLoss.None }) with
        {
            LengthLossFactor = 0, SelfConditioning = false,
        });
        var (source, target, t, noise) = Inputs();
        var loss = model.Loss(source, target, t, noise, selfCondition: false);
        Assert.Equal(0.0, loss.Token.Item());
        Assert.Equal(loss.Diffusion.Item(), loss.Total.Item(), 6);
        loss.Total.Backward();
        Assert.True(model.Embeddings.Grad!.Abs().Sum().Item() > 0);
    }

    [Fact]
    public void NoiseFactorScalesTheTrainingNoiseAndNothingElse()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(4);
        using var plain = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full with { NoiseFactor = 1 }));
        using var scaled = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full with { NoiseFactor = 4 }));
        scaled.LoadStateDict(plain.StateDict());
        var (source, target, t, noise) = Inputs();
        var z0 = plain.EmbedTarget(target);
        Assert.Equal(z0.ToArray<float>(), scaled.EmbedTarget(target).ToArray<float>());
        var signal = plain.Diffusion.QMeanVariance(z0, t).Mean;
        var noisePart1 = plain.Noise(z0, t, noise) - signal;
        var noisePart4 = scaled.Noise(z0, t, noise) - signal;
        Assert.True((noisePart4 - noisePart1 * 4).Abs().Max().Item() < 1e-4);   // F·√(1−ᾱ_t)·ε
        // Decoding uses its own factor (1): the training factor changes nothing there.
        var options = new DecodingOptions(Steps: 5, LengthBeam: 2, NoiseBeam: 2);
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);
        var a = plain.Generate(source, options, g1);
        var b = scaled.Generate(source, options, g2);
        Assert.Equal(a.SelectMany(c => c).SelectMany(c => c.Tokens), b.SelectMany(c => c).SelectMany(c => c.Tokens));
    }

    [Fact]
    public void EmbeddingLayerNormSitsOnTheDecodersInputAfterTheProjectionAsThePublicCode()
    {
        // difformer/modules.py, default position AFTER_PROJ: LN over model_dim on W_in·z_t + time + positions; z0 = √d·E[y] unnormalised.
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(5);
        var config = DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full);
        using var withNorm = new Difformer(config);
        using var without = new Difformer(config with { Modules = DifformerModules.Full with { EmbeddingLayerNorm = false } });
        var ids = torch.Arange(1, Vocab).Unsqueeze(0);
        Assert.Equal((withNorm.Embeddings.IndexSelect(0, ids.Squeeze(0)) * Math.Sqrt(config.LatentDim)).ToArray<float>(),
            withNorm.EmbedTarget(ids).Squeeze(0).ToArray<float>());
        Assert.Equal([config.ModelDim], withNorm.EmbeddingNorm!.Weight!.Shape);                // over the model width, affine
        Assert.Contains(withNorm.TrainableParameters(), p => ReferenceEquals(p, withNorm.EmbeddingNorm.Bias));
        Assert.Null(without.EmbeddingNorm);
        Assert.Equal(withNorm.StateDict().Keys.Count(), without.StateDict().Keys.Count() + 2);  // decoder.embedding_norm.{weight,bias}
    }

    [Fact]
    public void LengthPredictorShapesAndPadding()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(6);
        using var model = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full));
        model.Eval();
        var source = torch.Tensor(new long[] { 5, 6, 7, 0, 8, 9, 10, 11 }, [2, 4]);
        var (states, padding) = model.Encode(source);
        var logits = model.Length.Forward(states, padding);
        Assert.Equal([2L, 17L], logits.Shape);                                                  // lengths 0 … 16
        var window = LengthPredictor.LengthWindow(logits, 7);
        Assert.Equal([2L, 7L], window.Shape);
        Assert.All(window.ToArray<long>(), l => Assert.InRange(l, 1, 16));
        Assert.Equal(0, LengthPredictor.Loss(logits, torch.Tensor(new long[] { 3, 4 })).Dim);
        // padding the source does not change the prediction (mean over real tokens, masked attention)
        var (longer, longerPadding) = model.Encode(torch.Tensor(new long[] { 5, 6, 7, 0, 0 }, [1, 5]));
        var padded = model.Length.Forward(longer, longerPadding);
        Assert.True((padded - logits.Narrow(0, 0, 1)).Abs().Max().Item() < 1e-4);
    }

    [Fact]
    public void DecodingReturnsLengthTimesNoiseCandidatesOfThePredictedLengths()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        using var model = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full));
        var source = torch.Tensor(new long[] { 5, 6, 7, 0, 8, 9, 10, 11 }, [2, 4]);
        using var gen = new Generator(1);
        var candidates = model.Generate(source, new DecodingOptions(Steps: 4, LengthBeam: 3, NoiseBeam: 2, NoiseFactor: 2, Clamping: true), gen);
        model.Eval();
        var (states, padding) = model.Encode(source);
        var lengths = LengthPredictor.LengthWindow(model.Length.Forward(states, padding), 3).ToArray<long>();
        Assert.Equal(2, candidates.Length);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(6, candidates[i].Length);
            for (int j = 0; j < 6; j++) Assert.Equal(lengths[i * 3 + j / 2], candidates[i][j].Tokens.Length);
            Assert.All(candidates[i], c => Assert.True(c.Score <= 0));
        }
    }

    [Fact]
    public void GivenLengthsReplaceThePredictedWindowAndNothingElse()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        using var model = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full));
        var source = torch.Tensor(new long[] { 5, 6, 7, 0, 8, 9, 10, 11 }, [2, 4]);
        var options = new DecodingOptions(Steps: 4, LengthBeam: 3, NoiseBeam: 2);
        model.Eval();
        var (states, padding) = model.Encode(source);
        var window = LengthPredictor.LengthWindow(model.Length.Forward(states, padding), 3);
        using (Generator g1 = new(1), g2 = new(1))                          // the predicted window, given explicitly: the same candidates
        {
            var predicted = model.Generate(source, options, g1);
            var given = model.Generate(source, options, g2, window);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 6; j++) Assert.Equal(predicted[i][j].Tokens, given[i][j].Tokens);
        }
        using var g3 = new Generator(1);                                    // one length per source, clamped to [1, MaxTargetLength]
        var clamped = model.Generate(source, options, g3, torch.Tensor(new long[] { 0, 40 }, [2, 1]));
        Assert.Equal([1, 1], clamped[0].Select(c => c.Tokens.Length));
        Assert.Equal([16, 16], clamped[1].Select(c => c.Tokens.Length));
    }

    [Fact]
    public void ReferenceLengthDecodingAndPredictedLengthsReadTheTestSet()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        using var model = new Difformer(DifformerCopyTests.TinyConfig(Vocab, DifformerModules.Full));
        var test = TokenizedPairs.FromIds([[5, 6, 7], [8, 9], [10, 11, 5, 6]], [[5, 6], [8, 9, 10, 11, 5], [7]]);
        var options = new DecodingOptions(Steps: 4, LengthBeam: 3, NoiseBeam: 2);
        var (candidates, _) = Seq2SeqEvaluation.Candidates(model, test, options, batchSize: 2, seed: 1, referenceLengths: true);
        for (int i = 0; i < test.Count; i++)                                // N − 1, N, N + 1 (clamped at 1), two noises each, length-major
        {
            int n = test.Targets[i].Length;
            Assert.Equal([Math.Max(1, n - 1), Math.Max(1, n - 1), n, n, n + 1, n + 1], candidates[i].Select(c => c.Tokens.Length));
        }
        var windows = Seq2SeqEvaluation.LengthWindows(model, test, 3, batchSize: 2);
        var (windowed, _) = Seq2SeqEvaluation.Candidates(model, test, options, batchSize: 2, seed: 1);
        for (int i = 0; i < test.Count; i++)                                // the decoded lengths, length-major
            Assert.Equal(windows[i].SelectMany(l => new[] { (int)l, (int)l }), windowed[i].Select(c => c.Tokens.Length));
        Assert.True(model.Training);                                        // left in the mode it was in
    }

    [Fact]
    public void RepeatedWordsCountsEachWordEqualToTheOneBeforeIt()
    {
        Assert.Equal(3.0 / 6, SystemOutput.RepeatedWords(["a a dog runs", "the the the end", "one"]), 12);   // 1 of 3 pairs, 2 of 3, none of 0: 3 of 6
        Assert.Equal(0, SystemOutput.RepeatedWords(["", "one"]));
        var output = new SystemOutput("s", "t", ["a a b"], ["a b c"], 1);
        Assert.Equal(0.5, output.RepeatedWordShare(), 12);
        Assert.Equal(0, output.ReferenceRepeatedWordShare());
    }

    [Fact]
    public void TheOracleChoosesTheCandidateClosestToTheReferenceAndNeedsIt()
    {
        var words = new[] { "a", "man", "rides", "red", "bike", "dog", "runs" };
        Candidate Of(string text, double score) => new(text.Split(' ').Select(w => Array.IndexOf(words, w)).ToArray(), score);
        string Decode(int[] ids) => string.Join(' ', ids.Select(i => words[i]));
        Candidate[][] candidates =
        [
            [Of("a dog runs", -0.1), Of("a man rides a red bike", -2), Of("a man rides a bike", -1)],
            [Of("a man rides a bike", -3), Of("a dog runs", -1)],
        ];
        string[] references = ["a man rides a red bike", "a dog runs"];
        var chosen = CandidateSelector.Select(candidates, CandidateSelection.Oracle, decode: Decode, references: references);
        Assert.Equal(candidates[0][1].Tokens, chosen[0]);                    // BLEU 100, not the model's favourite
        Assert.Equal(candidates[1][1].Tokens, chosen[1]);
        Assert.Equal(100, CandidateSelector.OracleScores(candidates[0], Decode, references[0])[1], 9);
        Assert.Equal(candidates[0][0].Tokens, CandidateSelector.Select(candidates, CandidateSelection.ModelScore)[0]);
        Assert.Throws<ArgumentException>(() => CandidateSelector.Select(candidates, CandidateSelection.Oracle, decode: Decode));
    }

    [Fact]
    public void TheLengthBeamIsAWindowAroundThePredictedLength()
    {
        // difformer.py regenerate_beam: L̂ + k − ⌊Lb/2⌋ for k = 0 … Lb − 1, clamped below.
        using var scope = torch.NewDisposeScope();
        static Tensor Peaked(params int[] lengths)                                          // lengths 0 … 10, one peak per row
        {
            var values = new double[lengths.Length * 11];
            for (int r = 0; r < lengths.Length; r++) values[r * 11 + lengths[r]] = 10;
            return torch.Tensor(values, [lengths.Length, 11]);
        }
        Assert.Equal([3L, 4, 5, 1, 1, 2, 9, 10, 10], LengthPredictor.LengthWindow(Peaked(4, 1, 10), 3).ToArray<long>());
        Assert.Equal([1L, 1, 1, 2, 3], LengthPredictor.LengthWindow(Peaked(1), 5).ToArray<long>());
        Assert.Equal([1L, 1, 2], LengthPredictor.LengthWindow(Peaked(0), 3).ToArray<long>());   // length 0 is never predicted
    }

    [Theory]
    [InlineData(20, 5, 5)]
    [InlineData(10, 5, 5)]
    [InlineData(4, 5, 3)]
    [InlineData(20, 0, 0)]
    public void EarlyStoppingRunsTheStepsDownToItsIndex(int steps, int earlyStopping, int lastStep)
    {
        // generator.py: for step in range(early_stopping, steps)[::-1]; at least one step always runs here.
        Assert.Equal(lastStep, new DecodingOptions(Steps: steps, EarlyStopping: earlyStopping).LastStep);
    }

    [Fact]
    public void BleuRerankScoresEachCandidateAsTheReferenceOfTheOthers()
    {
        // generator.py bleu_rerank: score_i = Σ_{j≠i, s_j non-empty} sentence_bleu(hyp = s_j, ref = [s_i]) / (n − 1); empty keeps its score.
        var texts = new[] { "a man rides a red bike down the street", "a man rides a bike", "", "a man rides a red bike" };
        var words = texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        var candidates = texts.Select((t, i) => new Candidate(t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => words.IndexOf(w)).ToArray(), -1.0 - i)).ToArray();
        string Decode(int[] ids) => string.Join(' ', ids.Select(i => words[i]));
        var scores = CandidateSelector.BleuRerank(candidates, Decode);
        for (int i = 0; i < texts.Length; i++)
        {
            double expected = texts[i].Length == 0 ? candidates[i].Score
                : Enumerable.Range(0, texts.Length).Where(j => j != i && texts[j].Length > 0).Sum(j => TextDiffusion.Evaluation.Bleu.Sentence(texts[j], [texts[i]])) / 3;
            Assert.Equal(expected, scores[i], 12);
        }
        Assert.NotEqual(TextDiffusion.Evaluation.Bleu.Sentence(texts[1], [texts[0]]), TextDiffusion.Evaluation.Bleu.Sentence(texts[0], [texts[1]]));
        Assert.Equal(candidates[3].Tokens, CandidateSelector.Select([candidates], CandidateSelection.Mbr, decode: Decode)[0]);
    }
}
