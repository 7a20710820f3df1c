namespace TextDiffusion.Syntax;

/// <summary>
/// What <see cref="LinkGrammarParser.ParseDetailed"/> found for one sentence.
/// </summary>
/// <param name="Tree">The constituency tree; its leaves are exactly the input words.</param>
/// <param name="RawTree">link-grammar's own bracketed tree (words with its subscripts, e.g. <c>shop.n</c>,
///   <c>{word}</c> for unlinked words), or null when there was none.</param>
/// <param name="NullCount">Words left unlinked in the linkage used (0 for a complete parse).</param>
/// <param name="FallbackReason">Null when <see cref="Tree"/> came from a linkage (for a text of several
///   sentences: every sentence did); otherwise which part is the flat fallback <c>(S w1 ... wn)</c> and why.</param>
public sealed record LinkGrammarResult(ConstituencyTree Tree, string? RawTree, int NullCount, string? FallbackReason)
{
    /// <summary>True when the tree, or one of its sentences, is the flat fallback rather than a parse.</summary>
    public bool IsFallback => FallbackReason is not null;
}
