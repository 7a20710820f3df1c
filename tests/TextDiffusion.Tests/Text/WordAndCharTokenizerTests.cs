using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class WordAndCharTokenizerTests
{
    private static readonly string[] Corpus =
    [
        "The Vaults is a pub .",
        "The Vaults is near Café Adriatic .",
        "Alimentum is a pub .",
    ];

    [Fact]
    public void Word_vocabulary_respects_min_count_and_maps_rare_words_to_unk()
    {
        var tok = WordTokenizer.Train(Corpus, minCount: 2);
        // Words seen at least twice: The(2) Vaults(2) is(3) a(2) pub(2) .(3)
        Assert.Equal(SpecialTokens.Count + 6, tok.VocabSize);
        Assert.Equal(SpecialTokens.Count, tok.TokenToId(".")); // most frequent first, ties in ordinal order
        Assert.Equal(SpecialTokens.Count + 1, tok.TokenToId("is"));
        int[] ids = tok.Encode("Alimentum is a pub .");
        Assert.Equal(SpecialTokens.Unk, ids[0]);
        Assert.Equal("<unk> is a pub .", tok.Decode(ids));
        Assert.Equal([SpecialTokens.Bos, .. ids, SpecialTokens.Eos], tok.EncodeWithBosEos("Alimentum is a pub ."));
    }

    [Fact]
    public void Word_tokenizer_round_trips_known_text_and_skips_specials_on_decode()
    {
        var tok = WordTokenizer.Train(Corpus);
        string text = "The Vaults is near Café Adriatic .";
        int[] ids = tok.Encode("  The Vaults\tis near Café Adriatic . ");
        Assert.Equal(text, tok.Decode(ids));
        Assert.Equal(text, tok.Decode([SpecialTokens.Bos, .. ids, SpecialTokens.Eos, SpecialTokens.Pad, SpecialTokens.Pad]));
        Assert.Equal("<bos> " + text + " <eos> <mask>", tok.Decode([SpecialTokens.Bos, .. ids, SpecialTokens.Eos, SpecialTokens.Mask], skipSpecial: false));
        Assert.Equal("Café", tok.IdToToken(tok.TokenToId("Café")));
    }

    [Fact]
    public void Char_tokenizer_round_trips_and_uses_unk_for_unseen_characters()
    {
        var tok = CharTokenizer.Train(["First Citizen:\nBefore we proceed, hear me.\n"]);
        string text = "hear me, Citizen.\n";
        Assert.Equal(text, tok.Decode(tok.Encode(text)));
        int[] ids = tok.Encode("hear Z");
        Assert.Equal(SpecialTokens.Unk, ids[^1]);
        Assert.Equal("hear <unk>", tok.Decode(ids));
    }

    [Fact]
    public void Char_tokenizer_treats_non_bmp_characters_as_one_token()
    {
        var tok = CharTokenizer.Train(["a😀b"]);
        Assert.Equal(3, tok.Encode("a😀b").Length);
        Assert.Equal("a😀b", tok.Decode(tok.Encode("a😀b")));
    }
}
