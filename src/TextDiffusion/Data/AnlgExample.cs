namespace TextDiffusion.Data;

/// <summary>
/// An αNLG (ART) infilling example: the first and last observations of a story and the human-written
/// middle sentences that connect them (several references per example).
/// </summary>
public sealed record AnlgExample(string Id, string Obs1, string Obs2, IReadOnlyList<string> GoldMiddles);
