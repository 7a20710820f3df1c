using U = TextDiffusion.Syntax.UposTagSet;

namespace TextDiffusion.Syntax;

/// <summary>
/// Penn Treebank tags to Universal POS, following spaCy's English conventions (the tags of Diffusion-LM's POS
/// targets). First the tag map spaCy 3's English pipelines use (Petrov et al.'s universal mapping updated
/// for UD v2): NN/NNS→NOUN, NNP/NNPS→PROPN, VB*→VERB, MD→AUX, JJ*→ADJ, RB*→ADV, IN→ADP, RP→ADP, DT/PDT→DET,
/// PRP/PRP$/WP/WP$/WDT/EX→PRON, CC→CCONJ, CD→NUM, TO/POS→PART, UH→INTJ, $/#/SYM→SYM, punctuation→PUNCT,
/// FW/LS→X. spaCy's statistical tagger and dependency parse then decide what a tag alone cannot; the same
/// decisions are made here with general rules on closed-class words and the neighbouring tags:
/// <list type="number">
/// <item>a form of "be" is AUX (UD copula), but VERB after existential "there" ("there is a pub");</item>
/// <item>"there" tagged RB before a form of "be" is existential: PRON;</item>
/// <item>a form of "have" is AUX when a past participle (VBN) follows, adverbs skipped, else VERB; a form of
///   "do" is AUX before a base verb or "not";</item>
/// <item>"not"/"n't" are PART; TO is PART before a base verb (infinitive) and ADP otherwise;</item>
/// <item>"that" before a verb (adverbs skipped) is a relative pronoun, PRON; otherwise, as IN, SCONJ; the
///   subordinators if, because, although, though, whether, unless, whereas, while are SCONJ;</item>
/// <item>more/less/fewer directly before "than" are ADJ (spaCy tags them JJR);</item>
/// <item>a dash between two numbers ("20 - 25") is SYM;</item>
/// <item>a capitalised common noun (NN/NNS, "Vaults"), not at a sentence start, is PROPN; a proper noun whose
///   lower-cased form is above all an adjective in the lexicon ("Golden", "Vegetarian") is ADJ;</item>
/// <item>in an all-lower-case sentence (Diffusion-LM's generated text) capitalisation says nothing, so a noun
///   the tagger did not know (its tag was guessed from the word's shape: "zizzi", "fitzbillies") is PROPN.</item>
/// </list>
/// </summary>
public static class PennToUpos
{
    static readonly HashSet<string> Be = new(StringComparer.OrdinalIgnoreCase)
        { "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m", "isn", "aren", "wasn", "weren" };
    static readonly HashSet<string> Have = new(StringComparer.OrdinalIgnoreCase) { "have", "has", "had", "having", "'ve", "'d" };
    static readonly HashSet<string> Do = new(StringComparer.OrdinalIgnoreCase) { "do", "does", "did" };
    static readonly HashSet<string> Negation = new(StringComparer.OrdinalIgnoreCase) { "not", "n't" };
    static readonly HashSet<string> Subordinators = new(StringComparer.OrdinalIgnoreCase)
        { "if", "because", "although", "though", "whether", "unless", "whereas", "while" };
    static readonly HashSet<string> Comparatives = new(StringComparer.OrdinalIgnoreCase) { "more", "less", "fewer" };

    /// <summary>The context-free part: spaCy's tag map for one PTB tag (X for an unknown tag).</summary>
    public static string Base(string pennTag) => pennTag switch
    {
        "NN" or "NNS" => U.Noun,
        "NNP" or "NNPS" => U.Propn,
        "VB" or "VBD" or "VBG" or "VBN" or "VBP" or "VBZ" => U.Verb,
        "MD" => U.Aux,
        "JJ" or "JJR" or "JJS" or "AFX" => U.Adj,
        "RB" or "RBR" or "RBS" or "WRB" => U.Adv,
        "IN" or "RP" => U.Adp,
        "DT" or "PDT" => U.Det,
        "PRP" or "PRP$" or "WP" or "WP$" or "WDT" or "EX" => U.Pron,
        "CC" => U.Cconj,
        "CD" => U.Num,
        "TO" or "POS" => U.Part,
        "UH" => U.Intj,
        "$" or "#" or "SYM" => U.Sym,
        "." or "," or ":" or "``" or "''" or "-LRB-" or "-RRB-" or "HYPH" or "NFP" => U.Punct,
        _ => U.X,
    };

    /// <summary>UPOS tags for a tagged sentence, one per token (see the class summary for the rules).</summary>
    public static string[] Convert(IReadOnlyList<PennToken> sentence)
    {
        int n = sentence.Count;
        var words = sentence.Select(t => t.Word).ToArray();
        var tags = sentence.Select(t => t.Tag).ToArray();
        bool lowercaseText = !words.Any(w => w.Any(char.IsUpper));
        var result = new string[n];
        for (int i = 0; i < n; i++)
        {
            string w = words[i], t = tags[i];
            string? next = i + 1 < n ? tags[i + 1] : null;
            bool verbal = t.StartsWith("VB", StringComparison.Ordinal);
            string u = Base(t);

            if (verbal && Be.Contains(w))
                u = i > 0 && (tags[i - 1] == "EX" || Is(words[i - 1], "there")) ? U.Verb : U.Aux;
            else if (Is(w, "there") && t == "RB" && i + 1 < n && Be.Contains(words[i + 1]))
                u = U.Pron;
            else if (verbal && Have.Contains(w))
                u = NextSkippingAdverbs(tags, i) is { } j && tags[j] == "VBN" ? U.Aux : U.Verb;
            else if (verbal && Do.Contains(w))
                u = NextSkippingAdverbs(tags, i) is { } j && (tags[j] is "VB" or "VBP" || Negation.Contains(words[j])) ? U.Aux
                    : i + 1 < n && Negation.Contains(words[i + 1]) ? U.Aux : U.Verb;
            else if (Negation.Contains(w) && t.StartsWith("RB", StringComparison.Ordinal))
                u = U.Part;
            else if (t == "TO")
                u = next == "VB" ? U.Part : U.Adp;
            else if (Is(w, "that") && t is "IN" or "WDT" or "DT")
                u = NextSkippingAdverbs(tags, i) is { } j && (tags[j].StartsWith("VB", StringComparison.Ordinal) || tags[j] == "MD") ? U.Pron
                    : t == "IN" ? U.Sconj : u;
            else if (t == "IN" && Subordinators.Contains(w))
                u = U.Sconj;
            else if (Comparatives.Contains(w) && i + 1 < n && Is(words[i + 1], "than"))
                u = U.Adj;
            else if (w is "-" or "–" && i > 0 && i + 1 < n && tags[i - 1] == "CD" && next == "CD")
                u = U.Sym;
            else if (t is "NN" or "NNS" && IsCapitalised(w) && i > 0 && words[i - 1] is not ("." or "!" or "?"))
                u = U.Propn;
            else if (t is "NNP" or "NNPS" && sentence[i].LowercaseLexiconTag is "JJ")
                u = U.Adj;

            if (lowercaseText && t is "NN" or "NNS" or "NNP" or "NNPS" && !sentence[i].InLexicon && w.All(char.IsLetter))
                u = U.Propn;
            result[i] = u;
        }
        return result;
    }

    static bool Is(string word, string lower) => string.Equals(word, lower, StringComparison.OrdinalIgnoreCase);

    static bool IsCapitalised(string w) => w.Length > 1 && char.IsUpper(w[0]) && w.Skip(1).All(c => !char.IsLetter(c) || char.IsLower(c));

    static int? NextSkippingAdverbs(string[] tags, int i)
    {
        int j = i + 1;
        while (j < tags.Length && tags[j] is "RB" or "RBR" or "RBS") j++;
        return j < tags.Length ? j : null;
    }
}
