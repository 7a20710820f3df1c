namespace TextDiffusion.Data;

/// <summary>One E2E example: a meaning representation and one human reference sentence.</summary>
/// <param name="Mr">The meaning representation.</param>
/// <param name="Text">The reference sentence (tokenized in Diffusion-LM's files, raw in the official CSV).</param>
public sealed record E2eExample(MeaningRepresentation Mr, string Text);
