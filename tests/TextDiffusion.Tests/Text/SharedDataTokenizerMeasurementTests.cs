using System.Diagnostics;
using TextDiffusion.Data;
using TextDiffusion.Tests.Data;
using TextDiffusion.Text;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Text;

/// <summary>
/// Tokenizers on the real corpora: vocabulary sizes and token counts (printed, and asserted so a change
/// is noticed), and the BPE benchmark. Skipped when ../shared/data is absent. Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public class SharedDataTokenizerMeasurementTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void E2e_word_vocabulary_on_the_training_split()
    {
        var train = E2eSplit.FromDiffusionLmFiles().Train.Select(e => e.Text).ToList();
        var dlmStyle = WordTokenizer.Train(train, minCount: 11); // Diffusion-LM keeps words seen more than 10 times
        var all = WordTokenizer.Train(train, minCount: 1);
        long tokens = train.Sum(t => dlmStyle.Encode(t).Length);
        long unknown = train.Sum(t => dlmStyle.Encode(t).Count(id => id == SpecialTokens.Unk));
        output.WriteLine($"E2E train ({train.Count} sentences, {tokens} tokens): word vocab {dlmStyle.VocabSize} at min count 11 " +
                         $"({unknown} UNK tokens), {all.VocabSize} at min count 1 (sizes include the 5 specials)");
        Assert.Equal(Expected.E2eWordVocabMinCount11, dlmStyle.VocabSize);
        Assert.Equal(Expected.E2eWordVocabMinCount1, all.VocabSize);
        Assert.Equal(Expected.E2eTrainTokens, tokens);
    }

    [SharedDataFact]
    public void Bpe_8k_joint_on_multi30k_train_learns_and_encodes_in_seconds()
    {
        var clock = Stopwatch.StartNew();
        var pairs = Multi30k.Read(Multi30kSplit.Train).ToList();
        var texts = pairs.Select(p => p.Source).Concat(pairs.Select(p => p.Target)).ToList();
        double load = clock.Elapsed.TotalSeconds;
        var bpe = BpeTokenizer.Train(texts, new BpeTrainingOptions(MergeCount: 8000));
        double learn = clock.Elapsed.TotalSeconds - load;
        var encoded = texts.Select(bpe.Encode).ToList();
        double total = clock.Elapsed.TotalSeconds;

        long deTokens = encoded.Take(pairs.Count).Sum(e => (long)e.Length);
        long enTokens = encoded.Skip(pairs.Count).Sum(e => (long)e.Length);
        long words = texts.Sum(t => (long)WordTokenizer.Split(t).Length);
        output.WriteLine($"Multi30k train joint BPE: {bpe.Merges.Count} merges, vocab {bpe.VocabSize}; tokens de {deTokens} en {enTokens} " +
                         $"({(double)(deTokens + enTokens) / words:F3} per word); load {load:F2}s, learn {learn:F2}s, " +
                         $"encode {total - load - learn:F2}s, total {total:F2}s");

        Assert.Equal(8000, bpe.Merges.Count);
        Assert.All(texts.Zip(encoded), p => Assert.Equal(Gigaword.Normalise(p.First), bpe.Decode(p.Second)));
        Assert.True(total < 60, $"load + learn + encode took {total:F1}s; it should take seconds");
        Assert.Equal(Expected.Multi30kBpeVocab, bpe.VocabSize);
        Assert.Equal(Expected.Multi30kBpeTokens, deTokens + enTokens);
    }

    [SharedDataFact]
    public void Character_vocabularies()
    {
        string shakespeare = LmCorpora.ReadText(DataPaths.Resolve(DatasetFiles.Lm.TinyShakespeare));
        var chars = CharTokenizer.Train([shakespeare]);
        Assert.Equal(shakespeare, chars.Decode(chars.Encode(shakespeare)));

        string text8 = Text8Normalizer.Normalize(
            LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Valid))
                .Concat(LmCorpora.ReadWikiText(DataPaths.Resolve(DatasetFiles.Lm.WikiText2Test))));
        var text8Chars = CharTokenizer.Train([text8]);
        output.WriteLine($"char vocab: tiny Shakespeare {chars.VocabSize} ({shakespeare.Length} chars); " +
                         $"text8-normalised WikiText-2 valid+test {text8Chars.VocabSize} ({text8.Length} chars)");
        Assert.Equal(65 + SpecialTokens.Count, chars.VocabSize);
        Assert.Equal(27 + SpecialTokens.Count, text8Chars.VocabSize);
    }

    /// <summary>Figures measured on the mirrored files.</summary>
    private static class Expected
    {
        public const int E2eWordVocabMinCount11 = 403;  // 2,390 of the tokens become UNK
        public const int E2eWordVocabMinCount1 = 1_353;
        public const long E2eTrainTokens = 182_012;
        public const int Multi30kBpeVocab = 8_109;        // 5 specials + alphabet (both forms) + merge results
        public const long Multi30kBpeTokens = 815_088;    // de 410,354 + en 404,734
    }
}
