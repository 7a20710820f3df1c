using Torch;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// The terms of Difformer's objective (each a scalar tensor):
/// L = w·‖ẑ0 − z0‖² + CE(ẑ0·Eᵀ or z0·Eᵀ, y) + λ·CE(length), with <see cref="Total"/> the weighted sum.
/// </summary>
public sealed record DifformerLoss(Tensor Total, Tensor Diffusion, Tensor Token, Tensor Length) : IDisposable
{
    public void Dispose()
    {
        Total.Dispose();
        Diffusion.Dispose();
        Token.Dispose();
        Length.Dispose();
    }
}
