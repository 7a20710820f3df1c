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
    public void SeededTinyRunIsDeterministic()
    {
        var corpus = InfillingFixture.Corpus();
        var a = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false);
        var b = InfillingExperiment.Run(Tiny, corpus, seed: 3, verbose: false);
        Assert.Equal([InfillingExperiment.DiffusionLmName, InfillingExperiment.BothSidedArName, InfillingExperiment.LeftOnlyArName],
            a.Rows.Select(r => r.System));
        Assert.Equal(2, a.Examples.Count);
        Assert.Equal(a.Examples.SelectMany(e => e.Middles), b.Examples.SelectMany(e => e.Middles));
        Assert.Equal(a.Rows.Select(r => (r.Bleu.Mean, r.RougeL.Mean, r.Bleu.Lower, r.RougeL.Upper)),
            b.Rows.Select(r => (r.Bleu.Mean, r.RougeL.Mean, r.Bleu.Lower, r.RougeL.Upper)));
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
