namespace TextDiffusion.Infilling;

/// <summary>One αNLG example with each system's middle (in table order) and the gold middles.</summary>
public sealed record InfillingExample(string Obs1, string Obs2, IReadOnlyList<string> Gold, IReadOnlyList<(string System, string Middle)> Middles);
