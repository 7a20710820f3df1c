using TextDiffusion.Syntax;

namespace TextDiffusion.Tests.Syntax;

public class PennToUposTests
{
    /// <summary>Converts "word/TAG" pairs; words marked with a trailing "?" were not in the lexicon,
    /// "word/TAG/LEX" gives the lower-cased word's lexicon tag.</summary>
    static string Upos(string tagged) =>
        string.Join(" ", PennToUpos.Convert(tagged.Split(' ').Select(item =>
        {
            var p = item.Split('/');
            bool unknown = p[0].EndsWith('?') && p[0].Length > 1;
            return new PennToken(unknown ? p[0][..^1] : p[0], p[1], p.Length > 2 ? p[2] : null, !unknown);
        }).ToList()));

    [Fact]
    public void Base_map_follows_spacy()
    {
        Assert.Equal("NOUN", PennToUpos.Base("NNS"));
        Assert.Equal("PROPN", PennToUpos.Base("NNPS"));
        Assert.Equal("AUX", PennToUpos.Base("MD"));
        Assert.Equal("PRON", PennToUpos.Base("PRP$"));
        Assert.Equal("PRON", PennToUpos.Base("WDT"));
        Assert.Equal("ADP", PennToUpos.Base("RP"));
        Assert.Equal("SYM", PennToUpos.Base("$"));
        Assert.Equal("PUNCT", PennToUpos.Base("-LRB-"));
        Assert.Equal("X", PennToUpos.Base("FW"));
        Assert.All(new[] { "CC", "CD", "DT", "EX", "IN", "JJ", "NN", "PRP", "RB", "TO", "UH", "VB", ".", "," },
            t => Assert.True(UposTagSet.Contains(PennToUpos.Base(t))));
        Assert.Equal(17, UposTagSet.All.Count);
    }

    [Fact]
    public void Be_is_aux_except_after_existential_there()
    {
        Assert.Equal("PRON AUX ADJ PUNCT", Upos("it/PRP is/VBZ cheap/JJ ./."));
        Assert.Equal("PRON VERB DET NOUN", Upos("there/EX is/VBZ a/DT pub/NN"));
        Assert.Equal("PUNCT PRON VERB DET NOUN", Upos(",/, there/RB is/VBZ a/DT pub/NN"));
    }

    [Fact]
    public void Have_and_do_are_aux_only_before_a_verb()
    {
        Assert.Equal("PRON AUX VERB ADJ NOUN", Upos("it/PRP has/VBZ received/VBN good/JJ reviews/NNS"));
        Assert.Equal("PRON VERB DET NOUN", Upos("it/PRP has/VBZ a/DT view/NN"));
        Assert.Equal("PRON AUX PART VERB NOUN", Upos("it/PRP does/VBZ not/RB have/VB music/NN"));
        Assert.Equal("PRON AUX VERB", Upos("you/PRP can/MD eat/VB"));
    }

    [Fact]
    public void Function_word_rules()
    {
        Assert.Equal("PART VERB", Upos("to/TO eat/VB"));
        Assert.Equal("ADP DET NOUN", Upos("to/TO the/DT river/NN"));
        Assert.Equal("DET NOUN PRON VERB NOUN", Upos("a/DT pub/NN that/IN serves/VBZ food/NN"));
        Assert.Equal("VERB SCONJ PRON AUX ADJ", Upos("know/VBP that/IN it/PRP is/VBZ good/JJ"));
        Assert.Equal("SCONJ PRON AUX ADJ", Upos("if/IN it/PRP is/VBZ cheap/JJ"));
        Assert.Equal("ADJ ADP SYM NUM", Upos("more/JJR than/IN £/SYM 30/CD"));
        Assert.Equal("SYM NUM SYM NUM", Upos("£/$ 20/CD -/: 25/CD"));
        Assert.Equal("NOUN PUNCT ADJ", Upos("family/NN -/: friendly/JJ"));
        Assert.Equal("NOUN PART AUX VERB", Upos("family/NN 's/POS are/VBP allowed/VBN"));
    }

    [Fact]
    public void Capitalisation_rules_for_proper_nouns()
    {
        Assert.Equal("ADP DET PROPN", Upos("near/IN The/DT Vaults/NNS"));
        Assert.Equal("NOUN AUX ADJ", Upos("Prices/NNS are/VBP high/JJ"));              // sentence start
        Assert.Equal("DET ADJ PROPN", Upos("The/DT Golden/NNP/JJ Curry/NNP/NN"));
        Assert.Equal("PROPN AUX DET NOUN", Upos("zizzi?/NN is/VBZ a/DT pub/NN"));      // lower-case text, unknown noun
        Assert.Equal("NOUN AUX DET NOUN", Upos("Eatery?/NN is/VBZ a/DT pub/NN"));     // capitals present: no guess
        Assert.Equal("NUM NOUN", Upos("20-25?/CD price/NN"));
    }
}
