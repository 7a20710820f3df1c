using TextDiffusion.Experiments;
using TextDiffusion.Infilling;
using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Tests.Infilling;

[Collection(GlobalRandomStateCollection.Name)]
public class InfillerTests
{
    static InfillingSettings Tiny => InfillingSettings.For(Profile.Smoke) with
    {
        Name = "test", SequenceLength = 32, MinCount = 1, EmbeddingDim = 8, ModelDim = 16, Layers = 1, Heads = 2, Steps = 6,
        BatchSize = 4, DiffusionSteps = 50, SampleSteps = 5, CandidateLengths = 2, SamplesPerLength = 2, ArDim = 16, ArLayers = 1,
        ArSteps = 6, EvalExamples = null, DecodeBatchSize = 3, MaxTrainSeconds = null, ShownExamples = 2,
    };

    [Fact]
    public void DiffusionInfillingKeepsEveryContextTokenAfterRounding()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = InfillingFixture.Corpus();
        torch.ManualSeed(0);
        using var model = new DiffusionLM(InfillingExperiment.Config(corpus, Tiny));      // untrained: the middle is noise, the context must not be
        var infiller = new DiffusionInfiller(model, corpus, steps: 5, lengths: [3, 5], samplesPerLength: 2, batchSize: 3);
        var templates = corpus.Eval.SelectMany(e => new[] { 3, 5 }.Select(l => corpus.Template(e.Obs1, e.Obs2, l)!)).ToList();
        using var generator = new Generator(11);
        var rows = infiller.InfillRows(templates, generator);
        Assert.Equal(templates.Count, rows.Length);
        bool anyMiddleChanged = false;
        for (int r = 0; r < rows.Length; r++)
        {
            var t = templates[r];
            for (int i = 0; i < corpus.SequenceLength; i++)
                if (t.Fixed[i]) Assert.True(t.Ids[i] == rows[r][i], $"row {r} position {i}: {rows[r][i]} ≠ context {t.Ids[i]}");
                else anyMiddleChanged |= rows[r][i] != SpecialTokens.Pad;
        }
        Assert.True(anyMiddleChanged, "the free slots must be sampled, not copied from the template");
        var candidates = infiller.CandidateMiddles(corpus.Eval, generator);
        Assert.All(candidates, c => Assert.Equal(4, c.Count));
    }

    [Fact]
    public void ArInfillerCutsAtTheFirstSentenceEnd()
    {
        var ends = new HashSet<int> { 7, 8 };
        Assert.Equal([5L, 6L, 7L], ArInfiller.FirstSentence([5, 6, 7, 9, 8], ends));
        Assert.Equal([5L, 6L], ArInfiller.FirstSentence([5, 6, SpecialTokens.Eos, 9], ends));
        Assert.Equal([5L, 6L], ArInfiller.FirstSentence([5, 6, SpecialTokens.Pad, 9], ends));
        Assert.Equal([5L, 9L], ArInfiller.FirstSentence([5, 9], ends));
    }

    [Fact]
    public void The_gold_middle_nll_is_the_log_probability_of_the_middles_tokens_after_the_prompt()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = InfillingFixture.Corpus();
        torch.ManualSeed(5);
        using var model = new TransformerLM(InfillingExperiment.ArConfig(corpus, Tiny));   // untrained: any distribution will do
        model.Train();                                                                     // dropout 0.1: the NLL must still be eval mode's
        var infiller = new ArInfiller(model, corpus, StoryLayout.EndFirst, samples: 1, batchSize: 3);
        var nll = infiller.GoldMiddleNll(InfillingFixture.Anlg);
        Assert.True(model.Training);                                                       // the mode is restored
        model.Eval();
        for (int i = 0; i < InfillingFixture.Anlg.Length; i++)
        {
            var e = InfillingFixture.Anlg[i];
            for (int k = 0; k < e.GoldMiddles.Count; k++)
            {
                long[] prompt = corpus.Prompt(StoryLayout.EndFirst, e.Obs1, e.Obs2), middle = corpus.Ids(e.GoldMiddles[k]);
                long[] row = [.. prompt, .. middle];
                // −Σ_j log softmax(logits at position p + j − 1)[middle_j], from one unpadded forward pass
                var logProbs = model.Forward(torch.Tensor(row, [1, row.Length])).LogSoftmax(-1).ToArray<float>();
                int v = corpus.VocabSize;
                double expected = -middle.Select((id, j) => (double)logProbs[(prompt.Length + j - 1) * v + id]).Sum();
                Assert.Equal(middle.Length, nll[i][k].Tokens);
                Assert.Equal(expected, nll[i][k].Nll, 3);
            }
        }
        // Identical models: the paired difference is exactly 0; every middle fits here.
        var same = MiddleLikelihood.Of(infiller, infiller, InfillingFixture.Anlg);
        Assert.Equal((0.0, 0.0, 0.0), (same.Difference.Mean, same.Difference.Lower, same.Difference.Upper));
        Assert.Equal((4, 0), (same.Middles, same.Skipped));
        Assert.Equal(3, same.Table("both", "left").Rows.Count);
        Assert.Equal(same.BothSided.Mean, nll.SelectMany(x => x).Sum(x => x.Nll) / nll.SelectMany(x => x).Sum(x => x.Tokens), 9);
    }

    [Fact]
    public void A_gold_middle_too_long_for_the_prompt_is_skipped_not_truncated()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = InfillingFixture.Corpus(sequenceLength: 13);
        torch.ManualSeed(5);
        using var model = new TransformerLM(InfillingExperiment.ArConfig(corpus, Tiny with { SequenceLength = 13 }));
        var infiller = new ArInfiller(model, corpus, StoryLayout.EndFirst, samples: 1);
        var nll = infiller.GoldMiddleNll(InfillingFixture.Anlg);
        // BOS "Tom felt great ." "Tom was tired ." is 9 ids: "He slept well ." (4) fits in 13, "Tom went to bed early ." (6) does not.
        Assert.Equal(4, nll[0][0].Tokens);
        Assert.Equal((0, true), (nll[0][1].Tokens, double.IsNaN(nll[0][1].Nll)));
    }

    [Fact]
    public void SeededTinyRunIsDeterministic()
    {
        var corpus = InfillingFixture.Corpus();
        var a = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false);
        var b = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false);
        Assert.Equal([InfillingExperiment.DiffusionLmName, InfillingExperiment.BothSidedArName, InfillingExperiment.LeftOnlyArName],
            a.Rows.Select(r => r.System));
        Assert.Equal(2, a.Examples.Count);
        Assert.Equal(a.Examples.SelectMany(e => e.Middles), b.Examples.SelectMany(e => e.Middles));
        Assert.Equal(a.Rows.Select(r => (r.Bleu.Mean, r.RougeL.Mean, r.Cider.Mean, r.Bleu.Lower, r.RougeL.Upper)),
            b.Rows.Select(r => (r.Bleu.Mean, r.RougeL.Mean, r.Cider.Mean, r.Bleu.Lower, r.RougeL.Upper)));
        Assert.Equal(a.GoldMiddleLikelihood()!.Difference, b.GoldMiddleLikelihood()!.Difference);
        Assert.Equal(a.DiffusionLm.Training.LossCurve, b.DiffusionLm.Training.LossCurve);
        Assert.Equal(3, a.Table().Rows.Count);
        Assert.Equal(2, a.ExampleTable().Rows.Count);
    }

    [Fact]
    public void ARerunWithCheckpointsReusesEveryModelAndInfillsTheSame()
    {
        var corpus = InfillingFixture.Corpus();
        string root = Path.Combine(Path.GetTempPath(), "td-infill-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false, checkpointRoot: root);
            var again = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false, checkpointRoot: root);
            Assert.Equal(3, Directory.GetDirectories(root).Length);                      // Diffusion-LM and both AR models
            Assert.Equal(Tiny.Steps, first.DiffusionLm.Training.StepsRun);
            Assert.Equal(0, again.DiffusionLm.Training.StepsRun);                         // reused, not retrained
            Assert.Equal(0, again.LeftOnlyAr.Training.StepsRun);
            Assert.Equal(first.Examples.SelectMany(e => e.Middles), again.Examples.SelectMany(e => e.Middles));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
