using TextDiffusion.Control;
using TextDiffusion.Experiments;
using TextDiffusion.Syntax;
using TextDiffusion.Tests.Data;
using Torch;

namespace TextDiffusion.Tests.Experiments;

/// <summary>
/// Notebook 02 measures FUDGE's discriminator at a longer budget with <see cref="ControlBaselines.TrainDiscriminator"/>: at the
/// same budget it must be the discriminator <see cref="ControlBaselines.Train"/> makes (same data, vocabulary, seed), and each
/// budget must keep its own checkpoint folder, so a longer training never resumes a shorter one.
/// </summary>
[Collection(GlobalRandomStateCollection.Name)]
public class ControlBaselinesTests
{
    // Syntax for the first sentences without the oracles: every word a NOUN, the tree (S (NP w1) (VP w2 …)).
    static List<SentenceSyntax> Syntax(E2eCorpus corpus, int count) => corpus.TrainSentences.Take(count).Select(sentence =>
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var leaves = words.Select(w => w.Replace('(', '[').Replace(')', ']')).ToList();   // brackets would end the tree's leaves
        var tree = ConstituencyTree.Parse($"(S (NP {leaves[0]}) (VP {string.Join(' ', leaves.Skip(1))}))");
        return new SentenceSyntax(words, words.Select(_ => "NOUN").ToList(), tree);
    }).ToList();

    [SharedDataFact]
    public void The_discriminator_trained_alone_is_the_one_Train_makes_and_checkpoints_per_budget()
    {
        var corpus = E2eCorpus.Load();
        var syntax = Syntax(corpus, 40);
        var d = DiffusionLmSettings.For(Profile.Smoke);
        var c = ControlExperimentSettings.For(Profile.Smoke) with { BaselineSteps = 6, BaselineBatch = 4 };
        string root = Path.Combine(Path.GetTempPath(), $"td-control-baselines-{Guid.NewGuid():N}");
        try
        {
            using var baselines = ControlBaselines.Train(corpus, syntax, d, c);
            using var alone = ControlBaselines.TrainDiscriminator(corpus, syntax, d, c, checkpointRoot: root).Model;
            foreach (var ((name, a), (_, b)) in baselines.Discriminator.Model.NamedParameters().Zip(alone.NamedParameters()))
                Assert.True(a.Eq(b).All().Item() != 0, name);
            Assert.Equal(6, baselines.Discriminator.Training.FinalStep);
            Assert.True(Directory.Exists(Path.Combine(root, "fudge-discriminator-6")));

            using var longer = ControlBaselines.TrainDiscriminator(corpus, syntax, d, c with { BaselineSteps = 8 }, checkpointRoot: root).Model;
            Assert.True(Directory.Exists(Path.Combine(root, "fudge-discriminator-8")));
            Assert.Contains(longer.NamedParameters().Zip(alone.NamedParameters()), p => p.First.Item2.Ne(p.Second.Item2).Any().Item() != 0);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
