namespace TextDiffusion.Text;

/// <summary>Settings for learning byte-pair-encoding merges.</summary>
/// <param name="MergeCount">How many merges to learn at most (the vocabulary grows by at most this many symbols).</param>
/// <param name="MinPairFrequency">Stop early when the most frequent pair occurs fewer times than this.</param>
public sealed record BpeTrainingOptions(int MergeCount = 8000, int MinPairFrequency = 2);
