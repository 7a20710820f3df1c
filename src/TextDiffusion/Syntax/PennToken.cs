namespace TextDiffusion.Syntax;

/// <summary>
/// One word as a Penn Treebank tagger saw it: the input <see cref="Word"/>, its PTB tag, and what the
/// tagger's lexicon knows about it (used by <see cref="PennToUpos"/> for spaCy's conventions).
/// </summary>
/// <param name="Word">The input word, unchanged.</param>
/// <param name="Tag">Penn Treebank tag (NN, VBZ, DT, PRP$, ".", ",", ":", "$", -LRB-, ...).</param>
/// <param name="LowercaseLexiconTag">The lexicon's most frequent PTB tag for the lower-cased word, or null
///   when the lexicon does not have it (e.g. JJ for "Golden", whose own entry says NNP).</param>
/// <param name="InLexicon">False when the tagger had to guess from the word's shape (an unknown word).</param>
public sealed record PennToken(string Word, string Tag, string? LowercaseLexiconTag, bool InLexicon);
