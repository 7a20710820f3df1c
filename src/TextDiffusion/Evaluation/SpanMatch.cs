using TextDiffusion.Data;
using TextDiffusion.Syntax;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's syntactic-span control: a target <c>[i, j, label]</c> (<see cref="SpanConstraint"/>: 0-based,
/// j inclusive, counted over the sentence's words without START) is met when the generated sentence's parse
/// has a constituent with that label over exactly words i..j. Positions are raw word positions (punctuation
/// counts); the root phrase counts. Labels are compared after <see cref="TreeF1.NormalizeLabel"/>, plus one
/// equivalence: NML (the nominal-modifier label of benepar's OntoNotes-style trees, which link-grammar does
/// not produce) = NP. A collapsed unary chain such as "S::NP" needs every label of the chain over the span.
/// </summary>
public static class SpanMatch
{
    /// <summary>True when <paramref name="parse"/> has the constituent <paramref name="span"/> asks for.</summary>
    public static bool IsSatisfied(ConstituencyTree parse, SpanConstraint span)
    {
        var labels = parse.Brackets(BracketOptions.Positions)
            .Where(b => b.Start == span.Start && b.End == span.End)
            .Select(b => Normalize(b.Label))
            .ToHashSet();
        return Normalize(span.Label).Split("::").All(labels.Contains);
    }

    /// <summary>
    /// The span re-indexed over the target's words without whitespace tokens: the "\n" token spaCy left at the
    /// end of every target sentence (16 of the 200 targets end their span on it) is not a word of any
    /// generated sentence. Indices of words after a removed token shift down; a span ending on one ends
    /// on the word before it.
    /// </summary>
    public static SpanConstraint WithoutWhitespaceTokens(SpanTarget target, SpanConstraint span)
    {
        var words = target.SentenceWords;
        int Kept(int upTo) => words.Take(upTo).Count(w => !string.IsNullOrWhiteSpace(w));
        int start = Kept(span.Start);
        int end = Kept(span.End + 1) - 1;
        return new SpanConstraint(start, Math.Max(start, end), span.Label);
    }

    /// <summary>Success rate in percent over (parse, span) pairs.</summary>
    public static double SuccessRate(IEnumerable<(ConstituencyTree Parse, SpanConstraint Span)> samples) =>
        ControlSuccess.Rate(samples.Select(s => IsSatisfied(s.Parse, s.Span)));

    static string Normalize(string label) =>
        string.Join("::", TreeF1.NormalizeLabel(label).Split("::").Select(p => p == "NML" ? "NP" : p));
}
