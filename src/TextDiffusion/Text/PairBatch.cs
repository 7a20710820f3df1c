namespace TextDiffusion.Text;

/// <summary>A batch of sequence-to-sequence pairs: row i of <see cref="Source"/> goes with row i of <see cref="Target"/>.</summary>
public sealed record PairBatch(TokenBatch Source, TokenBatch Target);
