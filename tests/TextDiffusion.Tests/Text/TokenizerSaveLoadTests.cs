using TextDiffusion.Tests.Data;
using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class TokenizerSaveLoadTests
{
    private static readonly string[] Corpus = ["zwei junge männer sind im freien .", "two young men are outside .", "ein hund läuft . a dog runs ."];

    public static TheoryData<string> Kinds => new() { "word", "char", "bpe" };

    private static Tokenizer Make(string kind) => kind switch
    {
        "word" => WordTokenizer.Train(Corpus),
        "char" => CharTokenizer.Train(Corpus),
        _ => BpeTokenizer.Train(Corpus, new BpeTrainingOptions(MergeCount: 40, MinPairFrequency: 1)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Save_then_load_restores_the_same_kind_and_encoding(string kind)
    {
        using var temp = new TempFolder();
        var original = Make(kind);
        string path = temp.PathOf("checkpoints/run1/tokenizer.json");
        original.Save(path);
        var loaded = Tokenizer.Load(path);

        Assert.Equal(original.GetType(), loaded.GetType());
        Assert.Equal(kind, loaded.Kind);
        Assert.Equal(original.Vocabulary.Tokens, loaded.Vocabulary.Tokens);
        foreach (string text in Corpus.Append("männer laufen outside"))
        {
            Assert.Equal(original.Encode(text), loaded.Encode(text));
            Assert.Equal(original.Decode(original.Encode(text)), loaded.Decode(loaded.Encode(text)));
        }
        if (original is BpeTokenizer bpe) Assert.Equal(bpe.Merges, ((BpeTokenizer)loaded).Merges);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Saving_overwrites_an_existing_file()
    {
        using var temp = new TempFolder();
        string path = temp.PathOf("tok.json");
        WordTokenizer.Train(["a b c"]).Save(path);
        CharTokenizer.Train(["xyz"]).Save(path);
        Assert.IsType<CharTokenizer>(Tokenizer.Load(path));
        Assert.Throws<InvalidDataException>(() => Tokenizer.Load<WordTokenizer>(path));
    }

    [Fact]
    public void Bad_files_are_rejected_with_the_path()
    {
        using var temp = new TempFolder();
        string notJson = temp.Write("a.json", "{ nope");
        Assert.Contains(notJson, Assert.Throws<InvalidDataException>(() => Tokenizer.Load(notJson)).Message);
        string unknown = temp.Write("b.json", "{\"type\":\"sentencepiece\",\"version\":1,\"specials\":[\"<pad>\",\"<bos>\",\"<eos>\",\"<unk>\",\"<mask>\"],\"tokens\":[]}");
        Assert.Contains("unknown tokenizer type", Assert.Throws<InvalidDataException>(() => Tokenizer.Load(unknown)).Message);
        string wrongSpecials = temp.Write("c.json", "{\"type\":\"word\",\"version\":1,\"specials\":[\"<pad>\"],\"tokens\":[]}");
        Assert.Throws<InvalidDataException>(() => Tokenizer.Load(wrongSpecials));
    }
}
