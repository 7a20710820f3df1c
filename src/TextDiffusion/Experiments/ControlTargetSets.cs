using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Evaluation;

namespace TextDiffusion.Experiments;

/// <summary>
/// The control targets of Table 2, <see cref="Count"/> per task, spread evenly over each source:
/// Diffusion-LM's own target files for semantic content, POS and spans (span indices re-counted
/// without spaCy's "\n" token; spans whose label never occurs in our parser's training parses are
/// left out, and counted), and — as <c>target_tree.json</c> and <c>target_length.json</c> are not
/// available — the parses and lengths of held-out E2E sentences for the tree and length tasks.
/// </summary>
public sealed record ControlTargetSets(
    IReadOnlyList<ControlTarget> Semantic,
    IReadOnlyList<ControlTarget> Pos,
    IReadOnlyList<ControlTarget> Tree,
    IReadOnlyList<ControlTarget> Spans,
    IReadOnlyList<ControlTarget> Length,
    IReadOnlyList<IReadOnlyList<ControlTarget>> Compose,
    int SpansWithUnknownLabel)
{
    public int Count => Semantic.Count;

    public IReadOnlyList<ControlTarget> For(ControlTask task) => task switch
    {
        ControlTask.Semantic => Semantic,
        ControlTask.Pos => Pos,
        ControlTask.Tree => Tree,
        ControlTask.Spans => Spans,
        _ => Length,
    };

    /// <param name="heldOut">Syntax of held-out sentences (distinct from training), for the tree and length targets.</param>
    public static ControlTargetSets Load(int count, ControlLabels labels, IReadOnlyList<SentenceSyntax> heldOut)
    {
        var attributes = E2eControlLoader.ReadAttributeTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Attribute)).ToList();
        var pos = E2eControlLoader.ReadPosTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Pos)).ToList();
        var spanTargets = E2eControlLoader.ReadSpanTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Spans)).ToList();
        var compose = E2eControlLoader.ReadComposeTargets(DataPaths.Resolve(DatasetFiles.E2eControl.ComposePosAttribute)).ToList();
        var spans = spanTargets.SelectMany(t => t.Spans.Select(s => SpanMatch.WithoutWhitespaceTokens(t, s)))
            .Where(s => s.End + 1 < labels.Length - 1).ToList();
        var known = spans.Where(s => labels.SpanLabels.Contains(s.Label)).ToList();
        var fitting = heldOut.Where(s => s.Words.Count > 0 && s.Words.Count <= labels.Length - 2).ToList(); // BOS and EOS take two positions
        return new ControlTargetSets(
            Spread(attributes, count).Select(a => (ControlTarget)new SemanticControl(a)).ToList(),
            Spread(pos, count).Select(p => (ControlTarget)new PosControl(p.Content.Select(c => c.Tag).ToList())).ToList(),
            Spread(fitting, count).Select(s => (ControlTarget)new TreeControl(s.Tree)).ToList(),
            Spread(known, count).Select(s => (ControlTarget)new SpanControl(s)).ToList(),
            Spread(fitting, count, offset: 1).Select(s => (ControlTarget)new LengthControl(s.Words.Count)).ToList(),
            Spread(compose, count).Select(c => (IReadOnlyList<ControlTarget>)[new PosControl(c.Pos.Content.Select(p => p.Tag).ToList()), new SemanticControl(c.Attribute)]).ToList(),
            spans.Count - known.Count);
    }

    /// <summary><paramref name="count"/> items at evenly spaced indices (all of them if fewer).</summary>
    public static List<T> Spread<T>(IReadOnlyList<T> items, int count, int offset = 0)
    {
        if (items.Count <= count) return [.. items];
        return Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count + offset) % items.Count]).ToList();
    }
}
