namespace TextDiffusion.Seq2Seq;

/// <summary>Which embeddings the token cross-entropy −log softmax(z·Eᵀ)[y] decodes.</summary>
public enum TokenLoss
{
    /// <summary>Difformer's anchor loss: the model's prediction ẑ0, so the loss reaches the denoiser and, through z_t, the embeddings.</summary>
    Anchor,
    /// <summary>Diffusion-LM's rounding loss: the true z0 (the denoiser gets no gradient from it).</summary>
    Rounding,
    /// <summary>No token loss: only the MSE (and the length loss) shape the embeddings, which lets them collapse.</summary>
    None,
}
