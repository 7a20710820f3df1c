namespace TextDiffusion.Text;

/// <summary>
/// The special tokens every tokenizer reserves, with fixed ids so that models, batches and saved
/// checkpoints agree: PAD = 0, BOS = 1, EOS = 2, UNK = 3, MASK = 4. Ordinary tokens start at 5.
/// </summary>
public static class SpecialTokens
{
    /// <summary>Padding after the end of a shorter sequence in a batch (masked out).</summary>
    public const int Pad = 0;

    /// <summary>Beginning of sequence.</summary>
    public const int Bos = 1;

    /// <summary>End of sequence.</summary>
    public const int Eos = 2;

    /// <summary>A token the vocabulary does not hold.</summary>
    public const int Unk = 3;

    /// <summary>The absorbing "masked" state of discrete (masked) diffusion.</summary>
    public const int Mask = 4;

    /// <summary>Number of reserved ids; the first ordinary token has this id.</summary>
    public const int Count = 5;

    /// <summary>Their written forms, indexed by id.</summary>
    public static IReadOnlyList<string> Names { get; } = ["<pad>", "<bos>", "<eos>", "<unk>", "<mask>"];

    /// <summary>True for ids 0..4.</summary>
    public static bool IsSpecial(int id) => id is >= 0 and < Count;
}
