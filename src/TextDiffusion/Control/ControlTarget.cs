using TextDiffusion.Data;
using TextDiffusion.Syntax;

namespace TextDiffusion.Control;

/// <summary>
/// One control target c of Diffusion-LM's Table 2 — what a generated sentence must satisfy. It
/// writes itself as prompt tokens for the conditional baselines (FT, FUDGE's discriminator); the
/// classifier targets of the plug-and-play control are made by <see cref="ControlLabels"/>.
/// </summary>
public abstract record ControlTarget
{
    public abstract ControlTask Task { get; }

    /// <summary>The target as tokens, led by a task marker, e.g. "&lt;length&gt; 17".</summary>
    public IReadOnlyList<string> PromptTokens() => [$"<{Task.ToString().ToLowerInvariant()}>", .. Describe()];

    /// <summary>The target's own tokens (without the task marker).</summary>
    protected abstract IEnumerable<string> Describe();
}

/// <summary>Semantic content: the value of the attribute's field must appear.</summary>
public sealed record SemanticControl(AttributeTarget Attribute) : ControlTarget
{
    public override ControlTask Task => ControlTask.Semantic;
    protected override IEnumerable<string> Describe() => [.. Attribute.Field.Split(' '), ":", .. Attribute.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>Parts of speech: the Universal POS tag of every word.</summary>
public sealed record PosControl(IReadOnlyList<string> Tags) : ControlTarget
{
    public override ControlTask Task => ControlTask.Pos;
    protected override IEnumerable<string> Describe() => Tags;
}

/// <summary>Syntax tree: a target parse (success: bracket F1 of the generated sentence's parse against it).</summary>
public sealed record TreeControl(ConstituencyTree Tree) : ControlTarget
{
    public override ControlTask Task => ControlTask.Tree;

    public int Words => Tree.Leaves.Count;

    public IReadOnlyList<LabeledSpan> Brackets => Tree.Brackets(SentenceSyntax.ControlBrackets);

    /// <summary>The bracketing without words: "(S (NP * * ) (VP * … ) )".</summary>
    protected override IEnumerable<string> Describe()
    {
        var opens = Brackets.ToLookup(b => b.Start);
        var closes = Brackets.ToLookup(b => b.End);
        for (int i = 0; i < Words; i++)
        {
            foreach (var b in opens[i].OrderBy(b => -b.End)) yield return "(" + b.Label;
            yield return "*";
            foreach (var _ in closes[i]) yield return ")";
        }
    }
}

/// <summary>Syntax span: words <see cref="Span"/>.Start…End must form a constituent labelled Span.Label.</summary>
public sealed record SpanControl(SpanConstraint Span) : ControlTarget
{
    public override ControlTask Task => ControlTask.Spans;
    protected override IEnumerable<string> Describe() => [Span.Start.ToString(), Span.End.ToString(), Span.Label];
}

/// <summary>Length: the sentence must have <see cref="Words"/> words (success within ±2).</summary>
public sealed record LengthControl(int Words) : ControlTarget
{
    public override ControlTask Task => ControlTask.Length;
    protected override IEnumerable<string> Describe() => [Words.ToString()];
}
