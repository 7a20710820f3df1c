namespace TextDiffusion.Data;

/// <summary>One ROCStories story (five sentences in one string, as Diffusion-LM stores it).</summary>
public sealed record RocStory(string Text);
