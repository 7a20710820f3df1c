namespace TextDiffusion.Syntax;

/// <summary>
/// The two oracles Diffusion-LM's control evaluation needs, created on first use and disposed together:
/// a <see cref="LinkGrammarParser"/> (syntax tree and span control) and a <see cref="PosTagger"/>
/// (parts-of-speech control). Thread-safe like the oracles themselves.
/// </summary>
public sealed class ControlOracles : IDisposable
{
    readonly Lazy<LinkGrammarParser> parser;
    readonly Lazy<PosTagger> tagger;
    bool disposed;

    public ControlOracles(LinkGrammarOptions? parserOptions = null)
    {
        parser = new Lazy<LinkGrammarParser>(() => new LinkGrammarParser(parserOptions), LazyThreadSafetyMode.ExecutionAndPublication);
        tagger = new Lazy<PosTagger>(() => new PosTagger(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Null when both tools are installed; otherwise what is missing.</summary>
    public static string? UnavailableReason =>
        LinkGrammarParser.UnavailableReason is { } p
            ? PosTagger.UnavailableReason is { } t ? p + "; " + t : p
            : PosTagger.UnavailableReason;

    /// <summary>The parser (loaded on first use).</summary>
    public LinkGrammarParser Parser
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return parser.Value;
        }
    }

    /// <summary>The tagger (started on first use).</summary>
    public PosTagger Tagger
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return tagger.Value;
        }
    }

    /// <summary>The constituency tree of pre-tokenized words (leaves = the words); <paramref name="untimed"/>: without the
    /// parser's time limit (<see cref="LinkGrammarParser.ParseDetailed"/>).</summary>
    public ConstituencyTree Parse(IReadOnlyList<string> words, bool untimed = false) => Parser.ParseDetailed(words, untimed).Tree;

    /// <summary>The Universal POS tags of pre-tokenized words, one per word.</summary>
    public IReadOnlyList<string> Upos(IReadOnlyList<string> words) => Tagger.TagUpos(words);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (parser.IsValueCreated) parser.Value.Dispose();
        if (tagger.IsValueCreated) tagger.Value.Dispose();
    }
}
