namespace TextDiffusion.Infilling;

/// <summary>
/// One training example shaped like an αNLG task: the first observation, a middle sentence and the
/// last observation, as raw text.
/// </summary>
public sealed record StoryTriple(string Obs1, string Middle, string Obs2);
