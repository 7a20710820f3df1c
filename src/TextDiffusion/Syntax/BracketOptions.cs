namespace TextDiffusion.Syntax;

/// <summary>
/// Which brackets <see cref="ConstituencyTree.Brackets"/> yields.
/// </summary>
/// <param name="IncludeRoot">Yield the tree's own root node (the whole-sentence S). EVALB counts it (only a
///   TOP/ROOT/unlabelled wrapper is dropped, which <see cref="ConstituencyTree.Parse"/> already unwraps).</param>
/// <param name="IncludePreterminals">Yield the POS nodes of a tagged (PTB-style) tree, one per word. EVALB never
///   counts them. Link-grammar's trees have none: there a one-word phrase such as (NP it) is a constituent and
///   always yielded (see <see cref="ConstituencyTree.IsTagged"/>).</param>
/// <param name="IgnorePunctuation">EVALB's <c>DELETE_LABEL , : `` '' .</c>: words made only of Unicode
///   punctuation characters are deleted and the remaining words re-indexed; a bracket keeps the span of its
///   non-punctuation words and is dropped when it has none. Symbols such as "£" are kept.</param>
/// <param name="CollapseUnaryChains">Report a chain of single-child phrases over the same words as one
///   bracket labelled outer-to-inner with "::" (e.g. <c>S::NP</c>), as benepar does in Diffusion-LM's
///   span targets.</param>
public sealed record BracketOptions(
    bool IncludeRoot = true,
    bool IncludePreterminals = false,
    bool IgnorePunctuation = false,
    bool CollapseUnaryChains = false)
{
    /// <summary>EVALB (COLLINS.prm): root counted, preterminals and punctuation words deleted.</summary>
    public static BracketOptions Evalb { get; } = new(IncludeRoot: true, IgnorePunctuation: true);

    /// <summary>Raw word positions, every phrase including the root: what span targets refer to.</summary>
    public static BracketOptions Positions { get; } = new();
}
