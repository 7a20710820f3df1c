using TextDiffusion.Experiments;
using TextDiffusion.Text;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Discrete;

public class EdlmExperimentTests(ITestOutputHelper output)
{
    /// <summary>A corpus built in memory (no dataset files): characters of a short repeated text.</summary>
    static TokenCorpus TinyCorpus(int length)
    {
        const string text = "the cat sat on the mat and the dog sat on the log while the bird sang in the tree ";
        var tokenizer = CharTokenizer.Train([text]);
        var ids = Enumerable.Repeat(text, 12).SelectMany(t => tokenizer.Encode(t)).Select(i => (long)i).ToArray();
        var blocks = Enumerable.Range(0, ids.Length / length).Select(b => ids.Skip(b * length).Take(length).ToArray()).ToArray();
        return new TokenCorpus("tiny", "in-memory test corpus", tokenizer, length, blocks[..^4], blocks[^4..]);
    }

    [Fact]
    public void SmokeRunProducesEveryTable()
    {
        var config = EdlmConfig.Smoke with { DiffusionSteps = 4, ArSteps = 4, JudgeSteps = 4, NceSteps = 3, CharSteps = 3, SequenceLength = 12, CharSequenceLength = 12 };
        var lines = new List<string>();
        var experiment = new EdlmExperiment(config, lines.Add);
        var corpus = TinyCorpus(12);
        using var models = experiment.Train(corpus);
        var (table, rows) = experiment.GenerativePerplexityTable(models, corpus);
        Assert.Equal(2 + 3 * config.SamplingSteps.Length, table.Rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.GenerativePerplexity) && r.GenerativePerplexity > 1));
        var (speed, figure, _) = experiment.SpeedUp(models, corpus, rows);
        Assert.Equal(config.SamplingSteps.Length, speed.Rows.Count);
        // MDLM is timed again beside EDLM, from Table 3's seeds: the same samples, so the same gen PPL.
        Assert.Equal(rows.Where(r => r.Method == "MDLM").Select(r => r.GenerativePerplexity), speed.Rows.Select(r => Convert.ToDouble(r[1])));
        Assert.Equal(3, figure.Traces.Count);
        var ablations = experiment.AblationTable(experiment.SweepCandidates(models, corpus), experiment.SweepWindows(models, corpus));
        Assert.Equal(config.AblationCandidates.Length + config.AblationWindows.Length, ablations.Rows.Count);
        var likelihood = experiment.Likelihood(models, corpus);
        Assert.Equal(4, likelihood.Table.Rows.Count);
        Assert.All(new[] { likelihood.ArPerplexity, likelihood.MdlmPerplexityBound, likelihood.EdlmArPerplexity, likelihood.EdlmNcePerplexity },
            m => Assert.True(m.Mean > 1 && m.Lower <= m.Mean && m.Mean <= m.Upper));
        Assert.Equal(likelihood.ArPerplexity.Mean, Convert.ToDouble(likelihood.Table.Rows[0][1]));
        using var characterMdlm = experiment.TrainCharacterMdlm(corpus).Model;
        using var characterAr = experiment.TrainCharacterAr(corpus).Model;
        var bpc = experiment.BitsPerCharacter(corpus, characterMdlm, characterAr);
        Assert.Equal(3, bpc.Table.Rows.Count);
        Assert.All(new[] { bpc.ArBpc, bpc.MdlmBpcBound, bpc.EdlmArBpc }, m => Assert.True(m.Mean > 0 && m.Lower <= m.Mean && m.Mean <= m.Upper));
        output.WriteLine(table.ToMarkdown());
        output.WriteLine(string.Join('\n', lines.TakeLast(5)));
    }

    [Fact]
    public void WithACheckpointRootARerunReusesEveryTrainedModel()
    {
        var root = Path.Combine(Path.GetTempPath(), $"td-edlm-{Guid.NewGuid():N}");
        try
        {
            var config = EdlmConfig.Smoke with { DiffusionSteps = 4, ArSteps = 4, JudgeSteps = 4, NceSteps = 3, SequenceLength = 12 };
            var corpus = TinyCorpus(12);
            using var first = new EdlmExperiment(config, checkpointRoot: root).Train(corpus);
            using var second = new EdlmExperiment(config, checkpointRoot: root).Train(corpus);
            Assert.All(first.Training.Values, r => Assert.True(r.StepsRun > 0));
            Assert.All(second.Training.Values, r => Assert.Equal(0, r.StepsRun));            // nothing retrained
            Assert.Equal(["ar-4", "judge-4", "mdlm-4", "nce-energy-3"], Directory.GetDirectories(root).Select(Path.GetFileName).Order());
            foreach (var ((name, a), (_, b)) in first.Nce.NamedParameters().Zip(second.Nce.NamedParameters()))
                Assert.True(a.Eq(b).All().Item() > 0, $"NCE energy parameter {name} differs after reloading");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_trained_MDLM_finds_its_own_samples_far_more_likely_than_random_tokens()
    {
        var config = EdlmConfig.Smoke with { DiffusionSteps = 300, ArSteps = 30, JudgeSteps = 30, NceSteps = 3, SequenceLength = 12, BatchSize = 16 };
        var corpus = TinyCorpus(12);
        using var models = new EdlmExperiment(config).Train(corpus);
        var check = new EdlmExperiment(config).SampleConsistency(models, corpus, steps: 12, count: 8, nelboSamples: 8);
        Assert.Equal(5, check.Table.Rows.Count);
        Assert.Equal(check.RandomBound, Convert.ToDouble(check.Table.Rows[4][1]));
        Assert.True(double.IsFinite(check.StepsBound) && double.IsFinite(check.HeldOutBound) && double.IsFinite(check.OneByOneBound));
        foreach (double self in new[] { check.StepsBound, check.OneByOneBound })
            Assert.True(self * 2 < check.RandomBound, $"own samples {self:F2} against random tokens {check.RandomBound:F2}: the sampler does not draw from the model");
        output.WriteLine(check.Table.ToMarkdown());
    }

    [Fact]
    public void ProfilesAreNamed()
    {
        Assert.Same(EdlmConfig.Cpu, EdlmConfig.For(" CPU "));
        Assert.Equal(1024, EdlmConfig.For("paper").SequenceLength);
        Assert.Throws<ArgumentException>(() => EdlmConfig.For("gpu"));
    }
}
