using TextDiffusion.Data;
using TextDiffusion.Discrete;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Tests.Data;
using Torch;

namespace TextDiffusion.Tests.Experiments;

/// <summary>Each family trained on a tiny text of the user's, reloaded from its folder and sampled; an interrupted run resumed.</summary>
[Collection(GlobalRandomStateCollection.Name)]
public class UserModelsTests
{
    static readonly string[] Animals = ["cat", "dog", "bird", "fox"], Places = ["mat", "rug", "roof", "log"];

    static IReadOnlyList<string> Lines() =>
        Enumerable.Range(0, 80).Select(i => $"the {Animals[i % 4]} sat on the {Places[i / 4 % 4]} .").ToList();

    static UserModelSizes Tiny(int steps = 12) =>
        new(Steps: steps, ModelDim: 16, Layers: 1, BatchSize: 8, SequenceLength: 12, LearningRate: 3e-3, MinCount: 1, EnergySteps: 6);

    [Theory]
    [InlineData(ModelStore.DiffusionLm)]
    [InlineData(ModelStore.Mdlm)]
    [InlineData(ModelStore.Lm)]
    public void A_sentence_family_trains_on_the_users_lines_and_reloads_from_its_folder(string family)
    {
        using var temp = new TempFolder();
        string dir = temp.PathOf(family);

        var result = UserModels.TrainSentences(family, Lines(), Tiny(), dir, resume: false);

        Assert.Equal(12, result.FinalStep);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "heldout.txt")).Length);     // the last 5 % of 80 lines
        var (model, kind, tokenizer) = ModelStore.Load(dir);
        using var _ = model;
        Assert.Equal(family, kind);
        Assert.Equal(5 + 12, tokenizer.VocabSize);   // the special tokens and the twelve words of the text
        var corpus = SentenceCorpus.ForDecoding((TextDiffusion.Text.WordTokenizer)tokenizer, 12);
        var samples = model switch
        {
            DiffusionLM d => DiffusionLmExperiment.Sample(d, corpus, 3, 5),
            MaskedDiffusionLM m => SentenceMdlm.Sample(m, corpus, 3, 12),
            TransformerLM l => DiffusionLmExperiment.SampleLm(l, corpus, 3),
            _ => throw new InvalidOperationException(kind),
        };
        Assert.Equal(3, samples.Count);
        if (family == ModelStore.Mdlm)
        {
            var (energy, energyKind, _) = ModelStore.Load(Path.Combine(dir, UserModels.EnergyFolder));
            using (energy) Assert.Equal(ModelStore.ArEnergy, energyKind);
        }
    }

    [Fact]
    public void A_difformer_trains_on_pairs_and_translates()
    {
        using var temp = new TempFolder();
        string dir = temp.PathOf("difformer");
        var pairs = Lines().Select(l => new SentencePair(l, l.ToUpperInvariant())).ToList();

        UserModels.TrainPairs(pairs, Tiny(), dir, resume: false);

        Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "heldout.tsv")).Length);
        var (model, kind, tokenizer) = ModelStore.Load(dir);
        using var _ = model;
        Assert.Equal(ModelStore.Difformer, kind);
        Assert.Single(UserModels.Translate((Difformer)model, tokenizer, ["the cat sat on the mat ."]));
    }

    [Fact]
    public void An_interrupted_run_resumes_to_the_same_model()
    {
        using var temp = new TempFolder();
        string straight = temp.PathOf("straight"), interrupted = temp.PathOf("interrupted");
        UserModels.TrainSentences(ModelStore.Mdlm, Lines(), Tiny(20) with { EnergySteps = 0 }, straight, resume: false);

        using var stop = new CancellationTokenSource();
        var half = UserModels.TrainSentences(ModelStore.Mdlm, Lines(), Tiny(20) with { EnergySteps = 0 }, interrupted, resume: false,
            progress: new TextDiffusion.Training.ProgressCallback(p => { if (p.Step >= 10) stop.Cancel(); }), cancel: stop.Token);
        Assert.Equal(10, half.FinalStep);
        var rest = UserModels.TrainSentences(ModelStore.Mdlm, Lines(), Tiny(20) with { EnergySteps = 0 }, interrupted, resume: true);

        Assert.Equal(20, rest.FinalStep);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(interrupted, "model.safetensors")));
        Assert.Equal(File.ReadAllText(Path.Combine(straight, "tokenizer.json")), File.ReadAllText(Path.Combine(interrupted, "tokenizer.json")));
    }
}
