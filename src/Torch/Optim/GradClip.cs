namespace Torch.Optim;

public static class GradClip
{
    /// <summary>
    /// ‖g‖ = sqrt(Σ ‖g_p‖²) over all gradients; if above <paramref name="maxNorm"/>, every gradient is
    /// scaled by maxNorm/(‖g‖+1e-6). Returns ‖g‖ before clipping.
    /// </summary>
    public static double ClipGradNorm(IReadOnlyList<Tensor> parameters, double maxNorm, double normType = 2)
    {
        Native.Check(Native.td_clip_grad_norm(Tensor.Handles(parameters), parameters.Count, maxNorm, normType, out double total));
        GC.KeepAlive(parameters);
        return total;
    }
}
