namespace Torch.Tests;

/// <summary>
/// A test that needs a GPU: skipped (with the reason) where libtorch sees none, as in CI and on CPU-only libtorch.
/// TextDiffusion.Tests compiles this same file (linked in its project), so both suites skip alike.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!torch.cuda.IsAvailable())
            Skip = "libtorch sees no CUDA device (CPU-only libtorch or no GPU); build against a CUDA libtorch to run it (environment.md)";
    }
}
