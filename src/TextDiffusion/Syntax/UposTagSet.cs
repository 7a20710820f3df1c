namespace TextDiffusion.Syntax;

/// <summary>
/// The 17 Universal POS tags (Universal Dependencies v2; Petrov et al., 2012, extended), the coarse tag set
/// spaCy writes in <c>Token.pos_</c> and Diffusion-LM's POS control targets use. spaCy also emits SPACE for
/// whitespace tokens, which is not a UD tag; the targets' "\n" tokens carry arbitrary tags and are dropped
/// by <see cref="Data.PosTarget.Content"/>.
/// </summary>
public static class UposTagSet
{
    public const string Adj = "ADJ";
    public const string Adp = "ADP";
    public const string Adv = "ADV";
    public const string Aux = "AUX";
    public const string Cconj = "CCONJ";
    public const string Det = "DET";
    public const string Intj = "INTJ";
    public const string Noun = "NOUN";
    public const string Num = "NUM";
    public const string Part = "PART";
    public const string Pron = "PRON";
    public const string Propn = "PROPN";
    public const string Punct = "PUNCT";
    public const string Sconj = "SCONJ";
    public const string Sym = "SYM";
    public const string Verb = "VERB";
    public const string X = "X";

    /// <summary>The 17 tags in alphabetical order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Adj, Adp, Adv, Aux, Cconj, Det, Intj, Noun, Num, Part, Pron, Propn, Punct, Sconj, Sym, Verb, X];

    /// <summary>True for one of the 17 tags (exact, upper case).</summary>
    public static bool Contains(string tag) => All.Contains(tag, StringComparer.Ordinal);
}
