using TextDiffusion.Data;
using TextDiffusion.Syntax;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Syntax;

public class PosTaggerTests(ITestOutputHelper output)
{
    [Fact]
    public void Lingua_tag_names_become_penn_treebank_tags()
    {
        Assert.Equal("DT", PosTagger.FromLingua("det"));
        Assert.Equal("PRP$", PosTagger.FromLingua("prps"));
        Assert.Equal(".", PosTagger.FromLingua("pp"));
        Assert.Equal(",", PosTagger.FromLingua("ppc"));
        Assert.Equal("NNP", PosTagger.FromLingua("nnp"));
    }

    [OracleFact(Oracle.LinguaTagger)]
    public void Tags_one_per_word()
    {
        using var tagger = new PosTagger();
        string[] words = "the pub is a coffee shop near café sicilia . it isn't family - friendly , 20-25 £ ( really ) .".Split(' ');
        var tagged = tagger.Tag(words);
        output.WriteLine(tagged.ToString());
        Assert.Equal(words, tagged.Words);
        Assert.Equal(words.Length, tagged.Upos.Count);
        Assert.All(tagged.Upos, t => Assert.True(UposTagSet.Contains(t), t));
        Assert.Equal(["DET", "NOUN", "AUX", "DET", "NOUN", "NOUN", "ADP"], tagged.Upos.Take(7));
        Assert.Equal("PUNCT", tagged.Upos[9]);
        Assert.Empty(tagger.Tag(Array.Empty<string>()).Upos);
        Assert.Equal(tagged.Tokens, tagger.Tag(words).Tokens);  // same process, same answer
        Assert.Equal(tagged.Upos, tagger.Tag(string.Join(" ", words)).Upos);
        Assert.Throws<ArgumentException>(() => tagger.Tag(["a b"]));
    }

    [OracleFact(Oracle.LinguaTagger, needsSharedData: true)]
    public void Agreement_with_spacy_gold_upos_of_the_pos_targets()
    {
        var targets = E2eControlLoader.ReadPosTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Pos)).ToList();
        using var tagger = new PosTagger();
        var cased = PosAgreement.Measure(tagger, targets);
        var lower = PosAgreement.Measure(tagger, targets, lowercase: true);
        output.WriteLine(cased.ToString());
        output.WriteLine(lower.ToString());
        Assert.Equal(200, cased.Sentences);
        Assert.Equal(cased.Words, cased.PerTag.Sum(t => t.Gold));
        Assert.True(cased.Accuracy > 95, $"cased agreement {cased.Accuracy:F2}%");
        Assert.True(lower.Accuracy > 90, $"lower-cased agreement {lower.Accuracy:F2}%");
    }
}
