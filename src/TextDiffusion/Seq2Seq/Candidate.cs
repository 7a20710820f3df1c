namespace TextDiffusion.Seq2Seq;

/// <summary>One decoded output: its token ids and the model's mean log-probability of them.</summary>
public sealed record Candidate(int[] Tokens, double Score);
