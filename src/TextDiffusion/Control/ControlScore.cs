using TextDiffusion.Evaluation;

namespace TextDiffusion.Control;

/// <summary>
/// The success of one generated sentence under its control target, in [0, 1], as Diffusion-LM's
/// Table 2 counts it: exact value match (semantic), fraction of target UPOS tags matched (POS),
/// bracket F1 against the target parse (tree), the span is a constituent with the label (spans),
/// length within ±2 words (length).
/// </summary>
public static class ControlScore
{
    public static double Of(ControlTarget target, SentenceSyntax sentence) => target switch
    {
        SemanticControl s => SemanticMatch.IsSatisfied(sentence.Words, s.Attribute) ? 1 : 0,
        PosControl p => PosMatch.Sentence(sentence.Upos, p.Tags),
        TreeControl t => TreeF1.Sentence(t.Tree, sentence.Tree).F1 / 100,
        SpanControl s => SpanMatch.IsSatisfied(sentence.Tree, s.Span) ? 1 : 0,
        LengthControl l => LengthMatch.IsSatisfied(sentence.Words.Count, l.Words) ? 1 : 0,
        _ => throw new ArgumentException($"unknown control {target.GetType().Name}", nameof(target)),
    };
}
