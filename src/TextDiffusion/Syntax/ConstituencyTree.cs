using System.Globalization;
using System.Text;
using TextDiffusion.Data;

namespace TextDiffusion.Syntax;

/// <summary>
/// A constituency (phrase-structure) tree. A leaf is a word: a tree with no children whose
/// <see cref="Label"/> is the word. Every other node is a phrase (S, NP, VP, PP, ...) whose children are
/// phrases or words, in sentence order; link-grammar's trees put words directly under phrases, PTB-style
/// trees have preterminal (POS) nodes, and both are handled. Equality is structural.
/// <para>Bracketed form, as link-grammar and the Penn Treebank write it: <c>(S (NP the punter) (VP is (NP
/// a coffee shop)))</c>. Words "(" and ")" are written as <c>-LRB-</c>/<c>-RRB-</c>.</para>
/// </summary>
public sealed record ConstituencyTree(string Label, IReadOnlyList<ConstituencyTree> Children)
{
    /// <summary>A word.</summary>
    public static ConstituencyTree Leaf(string word) => new(word, []);

    /// <summary>A phrase over <paramref name="children"/>.</summary>
    public static ConstituencyTree Node(string label, params ConstituencyTree[] children) => new(label, children);

    /// <summary>A phrase over <paramref name="children"/>.</summary>
    public static ConstituencyTree Node(string label, IEnumerable<ConstituencyTree> children) => new(label, children.ToArray());

    /// <summary>One phrase directly over all words: the fallback when a sentence cannot be parsed.</summary>
    public static ConstituencyTree Flat(IEnumerable<string> words, string label = "S") => Node(label, words.Select(Leaf));

    /// <summary>True for a word.</summary>
    public bool IsLeaf => Children.Count == 0;

    /// <summary>True for a node whose only child is a word: a POS node when the tree <see cref="IsTagged"/>, else a one-word phrase.</summary>
    public bool IsPreterminal => Children.Count == 1 && Children[0].IsLeaf;

    /// <summary>The words, left to right.</summary>
    public IReadOnlyList<string> Leaves
    {
        get
        {
            var words = new List<string>();
            CollectLeaves(this, words);
            return words;
        }
    }

    static void CollectLeaves(ConstituencyTree t, List<string> words)
    {
        if (t.IsLeaf) words.Add(t.Label);
        else foreach (var c in t.Children) CollectLeaves(c, words);
    }

    /// <summary>
    /// The labelled brackets, pre-order (outer before inner, left before right). Spans are 0-based inclusive
    /// word positions (<see cref="LabeledSpan"/>). Unary chains give one bracket per node (several brackets
    /// over the same words) unless <see cref="BracketOptions.CollapseUnaryChains"/> is set. Default options:
    /// <see cref="BracketOptions.Positions"/>.
    /// </summary>
    public IReadOnlyList<LabeledSpan> Brackets(BracketOptions? options = null)
    {
        options ??= BracketOptions.Positions;
        var leaves = Leaves;
        // position of each word after deleting punctuation (EVALB), -1 for a deleted word
        var kept = new int[leaves.Count];
        int next = 0;
        for (int i = 0; i < leaves.Count; i++)
            kept[i] = options.IgnorePunctuation && IsPunctuation(leaves[i]) ? -1 : next++;

        // POS nodes exist only in tagged (PTB-style) trees, where every word is an only child; in
        // link-grammar's trees a one-word phrase such as (NP it) is a real constituent.
        bool skipPreterminals = !options.IncludePreterminals && IsTagged(this);
        var result = new List<LabeledSpan>();
        int position = 0;
        Visit(this, isRoot: true);
        return result;

        void Visit(ConstituencyTree node, bool isRoot)
        {
            if (node.IsLeaf) { position++; return; }
            int start = position;
            var labels = new List<string> { node.Label };
            var current = node;
            if (options.CollapseUnaryChains)
                while (current.Children.Count == 1 && !current.Children[0].IsLeaf
                       && !(skipPreterminals && current.Children[0].IsPreterminal))
                {
                    current = current.Children[0];
                    labels.Add(current.Label);
                }
            int index = result.Count;
            foreach (var child in current.Children) Visit(child, isRoot: false);
            int end = position - 1;
            bool wanted = (isRoot ? options.IncludeRoot : true)
                          && !(skipPreterminals && node.IsPreterminal)
                          && end >= start;
            if (!wanted) return;
            int first = -1, last = -1;
            for (int i = start; i <= end; i++)
                if (kept[i] >= 0) { if (first < 0) first = kept[i]; last = kept[i]; }
            if (first < 0) return;
            result.Insert(index, new LabeledSpan(string.Join("::", labels), first, last));
        }
    }

    /// <summary>True when every word is the only child of its parent, i.e. the tree has POS (preterminal) nodes.</summary>
    public static bool IsTagged(ConstituencyTree tree) =>
        !tree.IsLeaf && tree.Children.All(c => c.IsLeaf ? tree.Children.Count == 1 : IsTagged(c));

    /// <summary>
    /// The tree's constituents as Diffusion-LM span constraints <c>[i, j, label]</c> (0-based, inclusive, over
    /// raw word positions, root included, unary chains collapsed to "S::NP" as benepar writes them): the
    /// format of <c>target_spans.json</c>.
    /// </summary>
    public IReadOnlyList<SpanConstraint> ToSpanConstraints() =>
        Brackets(new BracketOptions(IncludeRoot: true, CollapseUnaryChains: true))
            .Select(b => new SpanConstraint(b.Start, b.End, b.Label)).ToList();

    /// <summary>True when every character of <paramref name="word"/> is Unicode punctuation (",", ".", "-", "'"...).</summary>
    public static bool IsPunctuation(string word) =>
        word.Length > 0 && word.All(c => char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation);

    /// <summary>
    /// Reads a bracketed tree, e.g. <c>(S (NP the punter) (VP is (NP a coffee shop)))</c>. A bare word is a
    /// one-leaf tree. An unlabelled, TOP or ROOT wrapper with one child is removed (EVALB deletes it); empty
    /// phrases "(NP )" are dropped; <c>-LRB-</c>/<c>-RRB-</c> words become "(" and ")".
    /// Throws <see cref="FormatException"/> on unbalanced brackets or trailing text.
    /// </summary>
    public static ConstituencyTree Parse(string bracketed)
    {
        var tokens = Tokenize(bracketed);
        if (tokens.Count == 0) throw new FormatException("empty tree");
        int i = 0;
        var tree = ReadTree(tokens, ref i) ?? throw new FormatException("the tree has no words");
        if (i != tokens.Count) throw new FormatException($"unexpected \"{tokens[i]}\" after the tree");
        while (!tree.IsLeaf && tree.Children.Count == 1 && !tree.Children[0].IsLeaf
               && tree.Label is "" or "TOP" or "ROOT")
            tree = tree.Children[0];
        return tree;
    }

    static ConstituencyTree? ReadTree(List<string> tokens, ref int i)
    {
        string token = tokens[i++];
        if (token == ")") throw new FormatException("unbalanced \")\"");
        if (token != "(") return Leaf(Unescape(token));
        if (i >= tokens.Count) throw new FormatException("unbalanced \"(\"");
        string label = "";
        if (tokens[i] is not "(" and not ")") label = tokens[i++];
        var children = new List<ConstituencyTree>();
        while (true)
        {
            if (i >= tokens.Count) throw new FormatException("unbalanced \"(\"");
            if (tokens[i] == ")") { i++; break; }
            var child = ReadTree(tokens, ref i);
            if (child is not null) children.Add(child);
        }
        return children.Count == 0 ? null : new ConstituencyTree(label, children);
    }

    static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (char c in s)
        {
            if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                if (word.Length > 0) { tokens.Add(word.ToString()); word.Clear(); }
                if (!char.IsWhiteSpace(c)) tokens.Add(c.ToString());
            }
            else word.Append(c);
        }
        if (word.Length > 0) tokens.Add(word.ToString());
        return tokens;
    }

    static string Unescape(string word) => word switch { "-LRB-" => "(", "-RRB-" => ")", _ => word };

    static string Escape(string word) => word switch { "(" => "-LRB-", ")" => "-RRB-", _ => word };

    /// <summary>The single-line bracketed form; <see cref="Parse"/> reads it back to an equal tree.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(this, sb);
        return sb.ToString();
    }

    static void Write(ConstituencyTree t, StringBuilder sb)
    {
        if (t.IsLeaf) { sb.Append(Escape(t.Label)); return; }
        sb.Append('(').Append(t.Label);
        foreach (var c in t.Children)
        {
            sb.Append(' ');
            Write(c, sb);
        }
        sb.Append(')');
    }

    public bool Equals(ConstituencyTree? other) =>
        other is not null && Label == other.Label && Children.SequenceEqual(other.Children);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Label);
        foreach (var c in Children) hash.Add(c);
        return hash.ToHashCode();
    }
}
