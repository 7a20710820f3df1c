using TextDiffusion.Control;
using TextDiffusion.Experiments;
using TextDiffusion.Syntax;
using TextDiffusion.Tests.Data;
using TextDiffusion.Text;
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
    // Syntax for the first sentences without the oracles: every word a NOUN, the tree (S (NP w1) (VP w2 …)), or with
    // another parse, (S (NP w1) (VP w2 (PP w3 …))) for every third sentence.
    static List<SentenceSyntax> Syntax(E2eCorpus corpus, int count, bool otherParse = false) => corpus.TrainSentences.Take(count).Select((sentence, i) =>
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var leaves = words.Select(w => w.Replace('(', '[').Replace(')', ']')).ToList();   // brackets would end the tree's leaves
        string verbPhrase = otherParse && i % 3 == 0 ? $"{leaves[1]} (PP {string.Join(' ', leaves.Skip(2))})" : string.Join(' ', leaves.Skip(1));
        var tree = ConstituencyTree.Parse($"(S (NP {leaves[0]}) (VP {verbPhrase}))");
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

    // The baselines' word ids follow word counts over sentences and prompts, so another parse of the same sentences
    // renumbers them (a link-grammar time limit once flattened one tree under load). Reused weights must keep their ids.
    [SharedDataFact]
    public void Reused_baselines_keep_the_vocabulary_saved_beside_their_weights_and_one_root_shares_one()
    {
        var corpus = E2eCorpus.Load();
        var d = DiffusionLmSettings.For(Profile.Smoke);
        var c = ControlExperimentSettings.For(Profile.Smoke) with { BaselineSteps = 4, BaselineBatch = 4 };
        string root = Path.Combine(Path.GetTempPath(), $"td-control-vocabulary-{Guid.NewGuid():N}");
        try
        {
            IReadOnlyList<string> first;
            using (var baselines = ControlBaselines.Train(corpus, Syntax(corpus, 40), d, c, checkpointRoot: root))
            {
                first = baselines.Corpus.Tokenizer.Vocabulary.Tokens;
                foreach (var folder in new[] { "ft", "fudge-lm", "fudge-discriminator" })
                    Assert.Equal(first, Tokenizer.Load<WordTokenizer>(Path.Combine(root, folder, ControlBaselines.VocabularyFile)).Vocabulary.Tokens);
            }

            // Another parse: built from the data, the vocabulary would differ; reused, it is the saved one, and so is a new budget's.
            var other = Syntax(corpus, 40, otherParse: true);
            using (var fresh = ControlBaselines.Train(corpus, other, d, c))
                Assert.NotEqual(first, fresh.Corpus.Tokenizer.Vocabulary.Tokens);
            using (var reused = ControlBaselines.Train(corpus, other, d, c, checkpointRoot: root))
                Assert.Equal(first, reused.Corpus.Tokenizer.Vocabulary.Tokens);
            using (ControlBaselines.TrainDiscriminator(corpus, other, d, c with { BaselineSteps = 6 }, checkpointRoot: root).Model)
                Assert.Equal(first, Tokenizer.Load<WordTokenizer>(Path.Combine(root, "fudge-discriminator-6", ControlBaselines.VocabularyFile)).Vocabulary.Tokens);

            // Two saved vocabularies that differ under one root: an error naming the file.
            string odd = Path.Combine(root, "fudge-lm", ControlBaselines.VocabularyFile);
            WordTokenizer.Train(corpus.TrainSentences.Take(40)).Save(odd);
            var error = Assert.Throws<InvalidDataException>(() => ControlBaselines.Train(corpus, other, d, c, checkpointRoot: root));
            Assert.Contains(odd, error.Message);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
