using TextDiffusion.Quantization;

namespace TextDiffusion.Experiments;

/// <summary>One row of QE-CDLM's comparison: how the projections are stored (null: float) and how the model is fine-tuned.</summary>
public sealed record QeCdlmVariant(string Name, Quantizer? Quantizer, bool LoRA)
{
    /// <summary>
    /// The paper's variants: the original (float) model fine-tuned fully and with LoRA, and each
    /// quantiser (binary, ternary, the six fixed-point settings) with LoRA, plus binary fully fine-tuned.
    /// </summary>
    public static IReadOnlyList<QeCdlmVariant> Paper { get; } =
    [
        new("original, full fine-tuning", null, LoRA: false),
        new("original, LoRA", null, LoRA: true),
        new("binary, full fine-tuning", new BinaryQuantizer(), LoRA: false),
        new("binary, LoRA", new BinaryQuantizer(), LoRA: true),
        new("ternary, LoRA", new TernaryQuantizer(), LoRA: true),
        .. new[] { (0, 4), (0, 8), (4, 0), (4, 4), (8, 0), (8, 8) }.Select(f => new QeCdlmVariant($"fixed ({f.Item1},{f.Item2}), LoRA", new FixedPointQuantizer(f.Item1, f.Item2), LoRA: true)),
    ];
}
