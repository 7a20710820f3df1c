namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Difformer's three fixes to embedding diffusion, each switchable for the ablation (papers.md §2).
/// <list type="bullet">
/// <item><see cref="TokenLoss"/>: the token cross-entropy decodes the model's prediction ẑ0 (the anchor loss) or,
/// as Diffusion-LM's rounding loss, the true z0; or there is none (MSE only, the collapse-prone objective).</item>
/// <item><see cref="EmbeddingLayerNorm"/>: a layer norm with affine parameters on the decoder's input,
/// LN(W_in·z_t + TimeMlp(t) + PosEmb), where the public code's default (<c>--embed-norm</c> without
/// <c>--embed-norm-before-proj</c>) puts it; z0 = √d·E[w] itself is not normalised.</item>
/// <item><see cref="NoiseFactor"/>: z_t = √ᾱ_t·z0 + F·√(1−ᾱ_t)·ε in training.</item>
/// </list>
/// </summary>
public sealed record DifformerModules(TokenLoss TokenLoss = TokenLoss.Anchor, bool EmbeddingLayerNorm = true, double NoiseFactor = 4.0)
{
    /// <summary>All three modules on, F = 4 (the paper's IWSLT14 setting).</summary>
    public static DifformerModules Full { get; } = new();

    /// <summary>"Vanilla" embedding diffusion: rounding loss, no embedding norm, F = 1.</summary>
    public static DifformerModules Vanilla { get; } = new(TokenLoss.Rounding, EmbeddingLayerNorm: false, NoiseFactor: 1.0);

    public override string ToString() =>
        $"{TokenLoss switch { TokenLoss.Anchor => "anchor loss", TokenLoss.Rounding => "rounding loss", _ => "no token loss" }}, " +
        $"{(EmbeddingLayerNorm ? "" : "no ")}embedding LN, F = {NoiseFactor:0.##}";
}
