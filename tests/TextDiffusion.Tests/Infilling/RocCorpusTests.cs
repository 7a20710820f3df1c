using TextDiffusion.Infilling;
using TextDiffusion.Text;

namespace TextDiffusion.Tests.Infilling;

public class RocCorpusTests
{
    [Fact]
    public void SplitsAStoryIntoSentencesAndTriples()
    {
        var sentences = RocCorpus.Sentences("Tom went out. \"Hi!\" he said. Was it late? It was. He went home.");
        Assert.Equal(["Tom went out.", "\"Hi!\" he said.", "Was it late?", "It was.", "He went home."], sentences);
        Assert.Equal(
            [
                new StoryTriple("Tom went out.", "\"Hi!\" he said.", "He went home."),
                new StoryTriple("Tom went out.", "Was it late?", "He went home."),
                new StoryTriple("Tom went out.", "It was.", "He went home."),
            ], RocCorpus.Triples(sentences));
        Assert.Throws<ArgumentException>(() => RocCorpus.Triples(["One.", "Two."]).ToList());
    }

    [Fact]
    public void KeepsFiveSentenceStoriesAndHoldsOutThoseOverlappingTheEvaluationSet()
    {
        var corpus = InfillingFixture.Corpus();
        Assert.Equal(7, corpus.StoriesRead);
        Assert.Equal(1, corpus.StoriesNotFiveSentences);
        Assert.Equal(2, corpus.StoriesHeldOut);                  // Ann's story (obs1) and the tired Tom's (obs1 and obs2)
        Assert.Equal(4 * 3, corpus.Train.Count);
        Assert.DoesNotContain(corpus.Train, t => t.Obs1 is "Ann was hungry." or "Tom was tired.");
        Assert.False(corpus.Tokenizer.Vocabulary.Contains("hungry"), "held-out stories must not shape the vocabulary");
        Assert.Equal(2, corpus.Eval.Count);
    }

    [Fact]
    public void WritesRowsInBothLayouts()
    {
        var corpus = InfillingFixture.Corpus(sequenceLength: 21);
        var triple = corpus.Train[1];                             // (s1, s3, s5) of the first story
        Assert.Equal(new StoryTriple("Tom went to the park.", "The dog ran to him.", "Tom had a great day."), triple);
        var story = corpus.Row(StoryLayout.Story, triple);
        Assert.Equal(21, story.Length);
        Assert.Equal(SpecialTokens.Bos, story[0]);
        Assert.Equal("Tom went to the park . The dog ran to him . Tom had a great day .", corpus.Decode(story));
        Assert.Equal(SpecialTokens.Eos, story[19]);             // BOS + 3 × 6 words + EOS
        Assert.Equal(SpecialTokens.Pad, story[20]);
        Assert.Equal("Tom had a great day . Tom went to the park . The dog ran to him .", corpus.Decode(corpus.Row(StoryLayout.EndFirst, triple)));
        Assert.Equal(0, corpus.Truncated);
        var shortRows = InfillingFixture.Corpus(sequenceLength: 10);
        var cut = shortRows.Row(StoryLayout.Story, triple);
        Assert.Equal(SpecialTokens.Eos, cut[9]);
        Assert.Equal(12, shortRows.Truncated);
    }

    [Fact]
    public void TemplateFixesTheContextAndFreesTheMiddle()
    {
        var corpus = InfillingFixture.Corpus(sequenceLength: 16);
        long Id(string w) => corpus.Tokenizer.TokenToId(w);
        Assert.Null(corpus.Template("Tom went to the park.", "Tom had a great day.", 4));   // 1 + 6 + 4 + 6 + 1 = 18 > 16
        Assert.Null(corpus.Template("Tom went.", "Tom had a day.", 0));
        var t = corpus.Template("Tom went to the park.", "Tom had a day.", 3)!;
        long[] expected = [SpecialTokens.Bos, Id("Tom"), Id("went"), Id("to"), Id("the"), Id("park"), Id("."), 0, 0, 0,
            Id("Tom"), Id("had"), Id("a"), Id("day"), Id("."), SpecialTokens.Eos];
        Assert.Equal(expected, t.Ids);
        Assert.Equal(7, t.MiddleStart);
        Assert.Equal(3, t.MiddleLength);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i is < 7 or >= 10), t.Fixed);
        Assert.Equal([SpecialTokens.Bos, Id("Tom"), Id("had"), Id("a"), Id("day"), Id("."), Id("Tom"), Id("went")],
            corpus.Prompt(StoryLayout.EndFirst, "Tom went", "Tom had a day."));
        Assert.Equal([SpecialTokens.Bos, Id("Tom"), Id("went")], corpus.Prompt(StoryLayout.Story, "Tom went", "Tom had a day."));
    }

    [Fact]
    public void CandidateLengthsAreQuantilesOfTheTrainingMiddles()
    {
        var corpus = InfillingFixture.Corpus();
        var sorted = corpus.MiddleLengths.Order().ToArray();     // 12 middles of 4–6 tokens
        Assert.Equal([sorted[6]], corpus.CandidateLengths(1));
        Assert.Equal(new[] { sorted[2], sorted[6], sorted[10] }.Distinct(), corpus.CandidateLengths(3));
        Assert.Equal(sorted[^1], corpus.MaxMiddleLength);
    }
}
