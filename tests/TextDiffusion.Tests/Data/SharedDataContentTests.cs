using TextDiffusion.Data;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Data;

/// <summary>
/// Every loader reads its real file strictly (no malformed record), with the expected record counts,
/// and the splits keep evaluation data out of training. Skipped when ../shared/data is absent.
/// </summary>
public class SharedDataContentTests(ITestOutputHelper output)
{
    private static string F(string relative) => DataPaths.Resolve(relative);

    [SharedDataFact]
    public void E2e_files_parse_and_the_two_formats_hold_the_same_meaning_representations()
    {
        var valid = E2eLoader.ReadDiffusionLm(F(DatasetFiles.E2e.DiffusionLmValid)).ToList();
        var test = E2eLoader.ReadDiffusionLm(F(DatasetFiles.E2e.DiffusionLmTest)).ToList();
        var dev = E2eLoader.ReadOfficialCsv(F(DatasetFiles.E2e.OfficialDev)).ToList();
        var testRefs = E2eLoader.ReadOfficialCsv(F(DatasetFiles.E2e.OfficialTestWithRefs)).ToList();
        var testMrs = E2eLoader.ReadOfficialMeaningRepresentations(F(DatasetFiles.E2e.OfficialTestMrs)).ToList();
        var cleaned = E2eLoader.ReadOfficialCsv(F(DatasetFiles.E2e.CleanedDev)).ToList();

        Assert.Equal((4_672, 4_693, 4_672, 4_693, 630, 4_299), (valid.Count, test.Count, dev.Count, testRefs.Count, testMrs.Count, cleaned.Count));
        Assert.Equal(547, valid.Select(e => e.Mr).Distinct().Count());
        Assert.Equal(630, test.Select(e => e.Mr).Distinct().Count());
        Assert.True(valid.Select(e => e.Mr).ToHashSet().SetEquals(dev.Select(e => e.Mr)));
        Assert.True(test.Select(e => e.Mr).ToHashSet().SetEquals(testRefs.Select(e => e.Mr)));
        Assert.True(test.Select(e => e.Mr).ToHashSet().SetEquals(testMrs));
        // Same order, same MR line by line.
        Assert.All(valid.Zip(dev), p => Assert.Equal(p.First.Mr, p.Second.Mr));
    }

    [SharedDataFact]
    public void E2e_split_shares_no_meaning_representation_between_train_and_eval()
    {
        var split = E2eSplit.FromDiffusionLmFiles();
        var trainMrs = split.Train.Select(e => e.Mr).ToHashSet();
        var evalMrs = split.Eval.Select(e => e.Mr).ToHashSet();
        Assert.Empty(trainMrs.Intersect(evalMrs));
        Assert.Equal(4_672 + 4_693, split.Train.Count + split.Eval.Count); // valid and test MRs are disjoint
        output.WriteLine($"E2E split: train {split.Train.Count} sentences / {trainMrs.Count} MRs; eval {split.Eval.Count} sentences / {evalMrs.Count} MRs");
        Assert.Equal(E2eExpected.TrainSentences, split.Train.Count);
        Assert.Equal(E2eExpected.EvalMrs, evalMrs.Count);
        Assert.Equal(E2eExpected.EvalSentences, split.Eval.Count);
    }

    [SharedDataFact]
    public void Control_targets_parse()
    {
        Assert.Equal(79, E2eControlLoader.ReadAttributeTargets(F(DatasetFiles.E2eControl.Attribute)).Count());
        var pos = E2eControlLoader.ReadPosTargets(F(DatasetFiles.E2eControl.Pos)).ToList();
        var spans = E2eControlLoader.ReadSpanTargets(F(DatasetFiles.E2eControl.Spans)).ToList();
        var compose = E2eControlLoader.ReadComposeTargets(F(DatasetFiles.E2eControl.ComposePosAttribute)).ToList();
        Assert.Equal((200, 200, 200), (pos.Count, spans.Count, compose.Count));
        Assert.All(pos, p => Assert.Equal((PosTarget.Start, PosTarget.End), (p.Words[0], p.Words[^1])));
        Assert.All(spans, s => Assert.Single(s.Spans));
    }

    [SharedDataFact]
    public void Rocstories_and_anlg_parse()
    {
        var stories = RocStoriesLoader.ReadStories(F(DatasetFiles.RocStories.Valid)).ToList();
        var dev = RocStoriesLoader.ReadAnlgExamples(F(DatasetFiles.RocStories.AnlgDev)).ToList();
        var refs = RocStoriesLoader.ReadAnlgReferences(F(DatasetFiles.RocStories.AnlgTestReferences)).ToList();
        Assert.Equal((5_000, 1_780, 3_561), (stories.Count, dev.Count, refs.Count));
        Assert.Equal(7_252, dev.Sum(d => d.GoldMiddles.Count));
        Assert.Equal(14_313, refs.Sum(r => r.GoldMiddles.Count));
        Assert.Empty(dev.Select(d => d.Id).Intersect(refs.Select(r => r.Id)));
    }

    [SharedDataFact]
    public void Translation_pairs_load()
    {
        Assert.Equal(29_000, Multi30k.Read(Multi30kSplit.Train).Count());
        Assert.Equal(1_014, Multi30k.Read(Multi30kSplit.Val, tokenized: false).Count());
        var test = Multi30k.Read(Multi30kSplit.Test2016, germanToEnglish: false).First();
        Assert.StartsWith("a man", test.Source); // English first when asked
        Assert.Equal(7_283, Iwslt14.Read(Iwslt14Split.Valid, bpe: true).Count());
        Assert.Equal(6_750, Iwslt14.Read(Iwslt14Split.Test).Count());
        var bpe = Iwslt14.Read(Iwslt14Split.Valid, bpe: true).Take(200).ToList();
        var tok = Iwslt14.Read(Iwslt14Split.Valid).Take(200).ToList();
        Assert.Equal(tok.Select(p => p.Target), bpe.Select(p => Iwslt14.RemoveBpe(p.Target)));
    }

    [SharedDataFact]
    public void Gigaword_train_pairs_are_distinct_and_exclude_every_test_article()
    {
        var test = Gigaword.ReadTest().ToList();
        Assert.Equal(1_951, test.Count);
        var train = Gigaword.BuildTrainSet();
        var testArticles = test.Select(p => Gigaword.Normalise(p.Source)).ToHashSet();
        Assert.DoesNotContain(train.Pairs, p => testArticles.Contains(p.Source));
        Assert.Equal(train.Pairs.Count, train.Pairs.Distinct().Count());
        Assert.Equal(25_592, train.PairsRead);
        output.WriteLine($"Gigaword train: {train.Pairs.Count} pairs ({train.PairsRead} read, {train.DuplicatesRemoved} duplicates, {train.TestOverlapRemoved} test articles removed)");
        Assert.Equal(10, train.TestOverlapRemoved); // 10 pairs of the .small file hold one of 3 test articles
        Assert.Equal(2_498, train.DuplicatesRemoved);
        Assert.Equal(23_084, train.Pairs.Count);
        var with4K = Gigaword.BuildTrainSet(include4K: true);
        output.WriteLine($"Gigaword train with 4K: {with4K.Pairs.Count} pairs ({with4K.TestOverlapRemoved} test articles removed)");
        Assert.DoesNotContain(with4K.Pairs, p => testArticles.Contains(p.Source));
    }

    [SharedDataFact]
    public void Lm_corpora_load()
    {
        var ptbWords = LmCorpora.ReadSentences(F(DatasetFiles.Lm.PtbValid)).ToList();
        var ptbChars = LmCorpora.ReadPtbChar(F(DatasetFiles.Lm.PtbCharValid)).ToList();
        Assert.Equal(3_370, ptbWords.Count);
        Assert.Equal(ptbWords, ptbChars);
        Assert.Equal(12_216, LmCorpora.ReadSentences(F(DatasetFiles.Lm.Lm1bDev)).Count());
        var wiki = LmCorpora.ReadWikiText(F(DatasetFiles.Lm.WikiText2Valid)).ToList();
        output.WriteLine($"WikiText-2 valid: {wiki.Count} paragraphs");
        Assert.DoesNotContain(wiki, LmCorpora.IsWikiTextHeading);
        string text8 = Text8Normalizer.Normalize(wiki);
        Assert.All(text8, c => Assert.True(c is (>= 'a' and <= 'z') or ' '));
    }

    /// <summary>Figures measured on the mirrored files (see the report of the data layer).</summary>
    private static class E2eExpected
    {
        public const int TrainSentences = 7_077; // 4,672 valid + 2,405 test sentences, 868 MRs
        public const int EvalMrs = 309;
        public const int EvalSentences = 2_288;
    }
}
