using TextDiffusion.Data;
using TextDiffusion.Syntax;
using TextDiffusion.Text;

namespace TextDiffusion.Control;

/// <summary>
/// Turns control targets into the classifiers' targets over a row of <see cref="Length"/> positions
/// (BOS w_1 … w_n EOS PAD …: word k sits at position k + 1). Tag classes: 0 padding, 1 BOS, 2 EOS,
/// then one per UPOS tag (POS classifier) or a single "word" class (length classifier). Span
/// classes: 0 no constituent, then one per label seen in training. Semantic targets are the
/// control's tokens in their own vocabulary, then EOS. −1 marks entries a target leaves free.
/// </summary>
public sealed class ControlLabels
{
    public const int PadClass = 0, BosClass = 1, EosClass = 2, FirstWordClass = 3;

    readonly Dictionary<string, int> uposClass, spanClass;

    public ControlLabels(int length, IReadOnlyList<string> upos, IReadOnlyList<string> spanLabels, WordTokenizer semanticTokens, int semanticLength)
    {
        Length = length;
        Upos = upos;
        SpanLabels = spanLabels;
        SemanticTokens = semanticTokens;
        SemanticLength = semanticLength;
        uposClass = upos.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => FirstWordClass + p.i);
        spanClass = spanLabels.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => 1 + p.i);
    }

    /// <summary>Labels from the training sentences: the UPOS tag set, the span labels seen (most frequent first), the MR vocabulary.</summary>
    public static ControlLabels FromTraining(int length, IReadOnlyList<string> upos, IEnumerable<SentenceSyntax> syntax,
        IEnumerable<SemanticControl> semantic)
    {
        var labels = syntax.SelectMany(s => s.Brackets).GroupBy(b => b.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();
        var controls = semantic.Select(c => string.Join(' ', c.PromptTokens().Skip(1))).ToList();
        var tokenizer = WordTokenizer.Train(controls, minCount: 1);
        int longest = controls.Max(c => c.Split(' ').Length) + 1;
        return new ControlLabels(length, upos, labels, tokenizer, longest + 4);
    }

    public int Length { get; }
    public IReadOnlyList<string> Upos { get; }
    public IReadOnlyList<string> SpanLabels { get; }
    public WordTokenizer SemanticTokens { get; }
    public int SemanticLength { get; }

    /// <summary>Classes of the POS classifier (padding, BOS, EOS, the UPOS tags).</summary>
    public int PosClasses => FirstWordClass + Upos.Count;

    /// <summary>Classes of the length classifier (padding, BOS, EOS, word).</summary>
    public const int LengthClasses = FirstWordClass + 1;

    /// <summary>Classes of the span classifier (none, then the labels).</summary>
    public int SpanClasses => 1 + SpanLabels.Count;

    /// <summary>The shape of one target of a task's classifier.</summary>
    public long[] TargetShape(ControlTask task) => task switch
    {
        ControlTask.Semantic => [SemanticLength],
        ControlTask.Pos or ControlTask.Length => [Length],
        _ => [Length, Length],
    };

    /// <summary>The classifier target of any control.</summary>
    public long[] Target(ControlTarget target) => target switch
    {
        SemanticControl s => Semantic(s),
        PosControl p => Pos(p.Tags),
        TreeControl t => Tree(t.Words, t.Brackets),
        SpanControl s => Span(s.Span),
        LengthControl l => LengthRow(l.Words),
        _ => throw new ArgumentException($"unknown control {target.GetType().Name}", nameof(target)),
    };

    /// <summary>[L]: BOS, each word's UPOS class (−1 for a tag outside the tag set), EOS, padding.</summary>
    public long[] Pos(IReadOnlyList<string> tags) =>
        Frame(tags.Count, k => uposClass.TryGetValue(tags[k], out int c) ? c : -1);

    /// <summary>[L]: BOS, n word positions, EOS, padding.</summary>
    public long[] LengthRow(int words) => Frame(words, _ => FirstWordClass);

    long[] Frame(int words, Func<int, long> wordClass)
    {
        int n = Math.Min(words, Length - 2);
        var row = new long[Length];
        row[0] = BosClass;
        for (int k = 0; k < n; k++) row[k + 1] = wordClass(k);
        row[n + 1] = EosClass;
        return row;   // the rest stays PadClass
    }

    /// <summary>[L·L]: every span i ≤ j gets its label in the target parse or "none"; i &gt; j is free.
    /// Words beyond the row are dropped, and so is a label never seen in training (its span reads "none").</summary>
    public long[] Tree(int words, IReadOnlyList<LabeledSpan> brackets)
    {
        var grid = new long[Length * Length];
        for (int i = 0; i < Length; i++)
            for (int j = 0; j < i; j++) grid[i * Length + j] = -1;
        foreach (var b in brackets)
            if (b.End + 1 < Length - 1 && spanClass.TryGetValue(b.Label, out int c)) grid[(b.Start + 1) * Length + b.End + 1] = c;
        return grid;
    }

    /// <summary>[L·L]: only the target span is constrained.</summary>
    public long[] Span(SpanConstraint span)
    {
        var grid = Enumerable.Repeat(-1L, Length * Length).ToArray();
        if (span.End + 1 >= Length - 1) throw new ArgumentException($"span {span} does not fit in {Length} positions", nameof(span));
        grid[(span.Start + 1) * Length + span.End + 1] = spanClass.TryGetValue(span.Label, out int c)
            ? c : throw new ArgumentException($"span label '{span.Label}' never occurs in the training parses", nameof(span));
        return grid;
    }

    /// <summary>
    /// [L]: the <see cref="ValueTagger"/>'s training target — each word that is part of an occurrence of one of the MR's
    /// values (contiguous, compared ignoring case, as the success metric does) tagged with its control-token id, every
    /// other position 0 ("none"). Words beyond the row are dropped.
    /// </summary>
    public long[] SemanticTags(IReadOnlyList<string> words, IEnumerable<MrSlot> slots)
    {
        var row = new long[Length];
        int n = Math.Min(words.Count, Length - 2);
        foreach (var slot in slots)
        {
            var value = slot.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (int start = 0; start + value.Length <= n; start++)
            {
                int k = 0;
                while (k < value.Length && string.Equals(words[start + k], value[k], StringComparison.OrdinalIgnoreCase)) k++;
                if (k < value.Length) continue;
                for (k = 0; k < value.Length; k++) row[start + k + 1] = SemanticTokens.TokenToId(value[k]);
                break;
            }
        }
        return row;
    }

    /// <summary>[C]: the control's tokens, EOS, then −1.</summary>
    public long[] Semantic(SemanticControl control)
    {
        var ids = SemanticTokens.Encode(string.Join(' ', control.PromptTokens().Skip(1)));
        var row = Enumerable.Repeat(-1L, SemanticLength).ToArray();
        int n = Math.Min(ids.Length, SemanticLength - 1);
        for (int k = 0; k < n; k++) row[k] = ids[k];
        row[n] = SpecialTokens.Eos;
        return row;
    }
}
