using System.Runtime.InteropServices;
using System.Text;
using N = TextDiffusion.Syntax.LinkGrammarNative;

namespace TextDiffusion.Syntax;

/// <summary>
/// Constituency parses from link-grammar (CMU/OpenCog; Debian packages <c>liblink-grammar5</c> and
/// <c>link-grammar-dictionaries-en</c>) through its C API: the best-ranked linkage of a sentence, converted
/// to phrase structure by link-grammar's own constituent printer (labels S, NP, VP, PP, SBAR, ADJP, ADVP,
/// PRT, QP, WHNP, ...).
/// <para><b>Words.</b> The input is pre-tokenized words (E2E style, e.g. "the punter is a coffee shop near
/// café sicilia ."), joined with single spaces. Spelling correction is off, so unknown words stay as they
/// are (link-grammar guesses their category). link-grammar's leaves carry subscripts ("shop.n",
/// "punter[?].n", "{word}" for an unlinked word) and it may split a token further. Each leaf is matched,
/// in order, to the linkage word it prints, and each linkage word to the input token holding its first byte
/// (<c>linkage_get_word_byte_start</c>); input words are never compared with link-grammar's strings. Pieces
/// of one token collapse into one leaf; words the printer leaves out are re-attached (see <see cref="Align"/>).
/// The result's leaves are always exactly the input words. Parentheses inside words are sent as braces, so
/// that link-grammar's bracketed output stays parseable.</para>
/// <para><b>Failures.</b> When no complete linkage exists the sentence is parsed again allowing null
/// links (<see cref="LinkGrammarOptions.AllowNullLinks"/>); when there is still no linkage, or its tree
/// cannot be read, the tree is flat: <c>(S w1 ... wn)</c>, and <see cref="LinkGrammarResult"/> says why.</para>
/// <para><b>Resources.</b> Every sentence and linkage is deleted before the call returns; the dictionary
/// and options live until <see cref="Dispose"/>. Calls are serialised with a lock, so one instance may
/// be shared by threads. link-grammar's messages are swallowed (warnings and errors are kept in the
/// fallback reason).</para>
/// </summary>
public sealed class LinkGrammarParser : IDisposable
{
    static readonly Lazy<string?> Unavailable = new(Probe);
    // link-grammar's MAX_PARSE_TIME_UNLIMITED
    const int NoTimeLimit = -1;
    // kept alive for as long as the library may call it
    static readonly N.ErrorHandler Handler = OnMessage;
    [ThreadStatic] static List<string>? messages;

    readonly object gate = new();
    readonly LinkGrammarOptions settings;
    IntPtr dictionary;
    IntPtr parseOptions;

    /// <summary>Loads the dictionary (a few tenths of a second). Throws <see cref="InvalidOperationException"/> when
    /// link-grammar or its dictionary is not installed (see <see cref="UnavailableReason"/>).</summary>
    public LinkGrammarParser(LinkGrammarOptions? options = null)
    {
        settings = options ?? new LinkGrammarOptions();
        if (settings.MaxParseTimeSeconds is <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), settings.MaxParseTimeSeconds,
                "MaxParseTimeSeconds must be positive (null: no limit); link-grammar would give up every parse at once");
        if (UnavailableReason is { } reason) throw new InvalidOperationException(reason);
        lock (gate)
        {
            Quiet();
            dictionary = N.dictionary_create_lang(settings.Language);
            if (dictionary == IntPtr.Zero)
                throw new InvalidOperationException($"link-grammar found no \"{settings.Language}\" dictionary: {Drain()}");
            parseOptions = N.parse_options_create();
            N.parse_options_set_verbosity(parseOptions, 0);
            N.parse_options_set_linkage_limit(parseOptions, settings.LinkageLimit);
            N.parse_options_set_disjunct_cost(parseOptions, (float)settings.DisjunctCost);
            N.parse_options_set_islands_ok(parseOptions, settings.IslandsOk);
            N.parse_options_set_spell_guess(parseOptions, 0);
            N.parse_options_set_repeatable_rand(parseOptions, true);
        }
    }

    /// <summary>Null when link-grammar and its English dictionary can be loaded; otherwise why not (with the
    /// Debian packages to install). Checked once per process.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>The settings in use.</summary>
    public LinkGrammarOptions Options => settings;

    /// <summary>link-grammar's version string, e.g. "link-grammar-5.12.0".</summary>
    public static string Version => Marshal.PtrToStringUTF8(N.linkgrammar_get_version()) ?? "unknown";

    /// <summary>Parses a whitespace-separated, pre-tokenized sentence.</summary>
    public ConstituencyTree Parse(string sentence) =>
        Parse(sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Parses pre-tokenized words; the tree's leaves equal <paramref name="words"/>.</summary>
    public ConstituencyTree Parse(IReadOnlyList<string> words) => ParseDetailed(words).Tree;

    /// <summary>
    /// Parses pre-tokenized words and says whether the tree is a real parse or the flat fallback. <paramref name="untimed"/>:
    /// without <see cref="LinkGrammarOptions.MaxParseTimeSeconds"/>, however long it takes, so that the tree does not depend on
    /// the machine's load; for the sentences models learn from, not for generated text.
    /// </summary>
    public LinkGrammarResult ParseDetailed(IReadOnlyList<string> words, bool untimed = false)
    {
        if (words.Count == 0) throw new ArgumentException("cannot parse an empty sentence", nameof(words));
        foreach (var w in words)
            if (w.Length == 0 || w.Any(char.IsWhiteSpace))
                throw new ArgumentException($"word \"{w}\" is empty or contains whitespace; pass tokenized words", nameof(words));

        var pieces = settings.SplitSentences ? SplitSentences(words) : [words];
        var results = new List<LinkGrammarResult>();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(dictionary == IntPtr.Zero, this);
            Quiet();
            N.parse_options_set_max_parse_time(parseOptions, untimed ? NoTimeLimit : settings.MaxParseTimeSeconds ?? NoTimeLimit);
            foreach (var piece in pieces) results.Add(ParseOne(piece));
        }
        if (results.Count == 1) return results[0];
        var failures = results.Select((r, k) => r.FallbackReason is null ? null : $"sentence {k + 1}: {r.FallbackReason}")
                              .Where(f => f is not null).ToList();
        return new LinkGrammarResult(
            ConstituencyTree.Node("S", results.Select(r => r.Tree)),
            string.Join(" ", results.Select(r => r.RawTree ?? "(none)")),
            results.Sum(r => r.NullCount),
            failures.Count == 0 ? null : string.Join("; ", failures));
    }

    /// <summary>Cuts after ".", "!" or "?" when more words follow.</summary>
    static List<IReadOnlyList<string>> SplitSentences(IReadOnlyList<string> words)
    {
        var pieces = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var w in words)
        {
            current.Add(w);
            if (w is "." or "!" or "?") { pieces.Add(current); current = []; }
        }
        if (current.Count > 0) pieces.Add(current);
        return pieces;
    }

    LinkGrammarResult ParseOne(IReadOnlyList<string> words)
    {
        // byte offset of each token in the UTF-8 input line
        var starts = new int[words.Count];
        var line = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < words.Count; i++)
        {
            if (i > 0) { line.Append(' '); bytes++; }
            starts[i] = bytes;
            string sent = words[i].Replace('(', '{').Replace(')', '}');
            line.Append(sent);
            bytes += Encoding.UTF8.GetByteCount(sent);
        }
        IntPtr sentence = N.sentence_create(line.ToString(), dictionary);
        if (sentence == IntPtr.Zero) return Fallback(words, null, 0, "sentence_create failed" + Suffix());
        Linkage found;
        try
        {
            found = ParseSentence(sentence, starts);
        }
        finally
        {
            N.sentence_delete(sentence);
        }
        // everything native is freed here: Align may parse again
        if (found.Failure is not null) return Fallback(words, found.Raw, found.Nulls, found.Failure);
        ConstituencyTree parsed;
        try { parsed = ConstituencyTree.Parse(found.Raw!); }
        catch (FormatException e) { return Fallback(words, found.Raw, found.Nulls, "unreadable constituent tree: " + e.Message); }
        return new LinkGrammarResult(Align(parsed, found.Words, words), found.Raw, found.Nulls, null);
    }

    /// <summary>What was read from the best linkage, or why there is none.</summary>
    readonly record struct Linkage(string? Raw, List<(string Display, int Token)> Words, int Nulls, string? Failure);

    Linkage ParseSentence(IntPtr sentence, int[] starts)
    {
        static Linkage Failed(string why, int nulls = 0) => new(null, [], nulls, why + Suffix());
        if (N.sentence_split(sentence, parseOptions) < 0) return Failed("sentence_split failed");
        N.parse_options_reset_resources(parseOptions);
        N.parse_options_set_min_null_count(parseOptions, 0);
        N.parse_options_set_max_null_count(parseOptions, 0);
        int found = N.sentence_parse(sentence, parseOptions);
        if (found <= 0 && settings.AllowNullLinks)
        {
            N.parse_options_reset_resources(parseOptions);
            N.parse_options_set_min_null_count(parseOptions, 1);
            N.parse_options_set_max_null_count(parseOptions, N.sentence_length(sentence));
            found = N.sentence_parse(sentence, parseOptions);
        }
        if (found <= 0) return Failed("no linkage " + (settings.AllowNullLinks ? "even with null links" : "without null links"));
        int nulls = N.sentence_null_count(sentence);

        IntPtr linkage = N.linkage_create(0, sentence, parseOptions);
        if (linkage == IntPtr.Zero) return Failed("linkage_create failed", nulls);
        try
        {
            IntPtr text = N.linkage_print_constituent_tree(linkage, N.SingleLine);
            if (text == IntPtr.Zero) return Failed("no constituent tree", nulls);
            string raw;
            try { raw = Marshal.PtrToStringUTF8(text) ?? ""; }
            finally { N.linkage_free_constituent_tree_str(text); }

            // the linkage's words except the walls: as the tree prints them, and the input token each starts in
            int count = (int)N.linkage_get_num_words(linkage);
            var linked = new List<(string Display, int Token)>();
            for (int w = 0; w < count; w++)
            {
                string name = Marshal.PtrToStringUTF8(N.linkage_get_word(linkage, (nuint)w)) ?? "";
                if ((w == 0 && name == "LEFT-WALL") || (w == count - 1 && name == "RIGHT-WALL")) continue;
                int start = (int)N.linkage_get_word_byte_start(linkage, (nuint)w);
                int token = Array.BinarySearch(starts, start);
                linked.Add((name.Replace('[', '{').Replace(']', '}'), token >= 0 ? token : Math.Max(0, ~token - 1)));
            }
            return new Linkage(raw.Trim(), linked, nulls, null);
        }
        finally
        {
            N.linkage_delete(linkage);
        }
    }

    /// <summary>
    /// Replaces link-grammar's leaves by the input words they start in. Leaves are matched in order to the
    /// linkage words by their printed form (the printer writes "[" as "{"), because the printer leaves some
    /// linkage words out (e.g. a clause after a comma that only the wall links to). Pieces of one token
    /// collapse into the first. A run of two or more tokens that no leaf covers is parsed on its own and its
    /// tree inserted as one constituent (when that parse is not itself the flat fallback); a single uncovered
    /// token is inserted as a word. Either goes into the lowest phrase that contains both neighbours of the run
    /// (the root for a leading or trailing run), just after the preceding word.
    /// </summary>
    ConstituencyTree Align(ConstituencyTree parsed, List<(string Display, int Token)> linked, IReadOnlyList<string> words)
    {
        int next = 0, lastToken = -1;
        var root = Rebuild(parsed) ?? new Draft(parsed.IsLeaf ? "S" : parsed.Label);
        if (root.Token >= 0) root = new Draft("S") { Children = { root } };

        var present = new SortedSet<int>();  // tokens some leaf stands for
        root.CollectTokens(present);
        for (int t = 0; t < words.Count; t++)
        {
            if (present.Contains(t)) continue;
            int end = t;
            while (end + 1 < words.Count && !present.Contains(end + 1)) end++;
            int before = present.LastOrDefault(p => p < t, -1);
            int after = present.FirstOrDefault(p => p > end, -1);
            int length = end - t + 1;
            var sub = length >= 2 && length < words.Count ? ParseOne(words.Skip(t).Take(length).ToList()) : null;
            if (sub is { IsFallback: false })
                root.Insert(Draft.From(sub.Tree, t), before, after);
            else
                for (int k = t; k <= end; k++) root.Insert(new Draft(k), k == t ? before : k - 1, after);
            for (int k = t; k <= end; k++) present.Add(k);
            t = end;
        }
        return root.ToTree(words);

        Draft? Rebuild(ConstituencyTree node)
        {
            if (node.IsLeaf)
            {
                int k = next;
                while (k < linked.Count && linked[k].Display != node.Label) k++;
                if (k == linked.Count) return null;             // not a linkage word: drop it
                next = k + 1;
                if (linked[k].Token <= lastToken) return null;  // a further piece of a token already placed
                lastToken = linked[k].Token;
                return new Draft(lastToken);
            }
            var draft = new Draft(node.Label);
            foreach (var c in node.Children)
                if (Rebuild(c) is { } d) draft.Children.Add(d);
            return draft.Children.Count == 0 ? null : draft;
        }
    }

    /// <summary>A mutable tree used while aligning: a phrase, or a leaf naming an input token.</summary>
    sealed class Draft
    {
        public Draft(string label) => Label = label;
        public Draft(int token) { Label = ""; Token = token; }
        public string Label { get; }
        public int Token { get; } = -1;
        public List<Draft> Children { get; } = [];

        public void CollectTokens(ISet<int> tokens)
        {
            if (Token >= 0) tokens.Add(Token);
            foreach (var c in Children) c.CollectTokens(tokens);
        }

        bool Contains(int token) => token >= 0 && (Token == token || Children.Any(c => c.Contains(token)));

        /// <summary>A draft of <paramref name="tree"/> whose k-th word stands for token <paramref name="offset"/> + k.</summary>
        public static Draft From(ConstituencyTree tree, int offset)
        {
            int k = offset;
            return Copy(tree);

            Draft Copy(ConstituencyTree t)
            {
                if (t.IsLeaf) return new Draft(k++);
                var d = new Draft(t.Label);
                foreach (var c in t.Children) d.Children.Add(Copy(c));
                return d;
            }
        }

        /// <summary>Inserts <paramref name="piece"/> after token <paramref name="before"/> (or before token
        /// <paramref name="after"/>) in the lowest phrase holding both; -1 = no neighbour on that side.</summary>
        public void Insert(Draft piece, int before, int after)
        {
            var node = this;
            if (before >= 0 && after >= 0)
                while (node.Children.FirstOrDefault(c => c.Token < 0 && c.Contains(before) && c.Contains(after)) is { } child)
                    node = child;
            int at = before >= 0 ? node.Children.FindIndex(c => c.Contains(before)) + 1
                   : after >= 0 ? node.Children.FindIndex(c => c.Contains(after))
                   : node.Children.Count;
            node.Children.Insert(Math.Max(0, at), piece);
        }

        public ConstituencyTree ToTree(IReadOnlyList<string> words) =>
            Token >= 0 ? ConstituencyTree.Leaf(words[Token]) : ConstituencyTree.Node(Label, Children.Select(c => c.ToTree(words)));
    }

    static LinkGrammarResult Fallback(IReadOnlyList<string> words, string? raw, int nulls, string reason) =>
        new(ConstituencyTree.Flat(words), raw, nulls, reason);

    static string Suffix()
    {
        string m = Drain();
        return m.Length == 0 ? "" : ": " + m;
    }

    static void Quiet()
    {
        messages = [];
        N.lg_error_set_handler(Handler, IntPtr.Zero);
    }

    static string Drain()
    {
        string text = messages is null ? "" : string.Join(" ", messages);
        messages?.Clear();
        return text;
    }

    // lg_errinfo: { int severity; const char *severity_label; const char *text; }
    static void OnMessage(IntPtr info, IntPtr data)
    {
        try
        {
            int severity = Marshal.ReadInt32(info);
            if (severity > N.SeverityWarning) return;
            string label = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(info, IntPtr.Size)) ?? "";
            string text = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(info, 2 * IntPtr.Size)) ?? "";
            (messages ??= []).Add($"{label}: {text.Trim()}");
        }
        catch (Exception)
        {
            // never let an exception cross into native code
        }
    }

    static string? Probe()
    {
        const string install = "install the Debian packages liblink-grammar5 and link-grammar-dictionaries-en (scripts/setup.sh does)";
        if (!NativeLibrary.TryLoad(N.Library, typeof(LinkGrammarParser).Assembly, null, out _))
            return $"{N.Library} not found: " + install;
        try
        {
            Quiet();
            IntPtr d = N.dictionary_create_lang("en");
            if (d == IntPtr.Zero) return "link-grammar has no English dictionary: " + install + ". " + Drain();
            N.dictionary_delete(d);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"{N.Library} is not usable ({e.Message}): " + install;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (parseOptions != IntPtr.Zero) N.parse_options_delete(parseOptions);
            if (dictionary != IntPtr.Zero) N.dictionary_delete(dictionary);
            parseOptions = IntPtr.Zero;
            dictionary = IntPtr.Zero;
        }
    }
}
