using System.Runtime.InteropServices;

namespace Torch;

/// <summary>Owns one native at::Tensor handle; frees it exactly once, even if only the finaliser runs.</summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Passed where the shim accepts "no tensor" (an optional argument).</summary>
    internal static readonly TensorHandle Null = new(IntPtr.Zero, ownsHandle: false);

    internal TensorHandle(IntPtr handle, bool ownsHandle = true) : base(IntPtr.Zero, ownsHandle) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.td_free(handle);
        return true;
    }
}

/// <summary>Owns a native random generator.</summary>
internal sealed class GeneratorHandle : SafeHandle
{
    internal static readonly GeneratorHandle Null = new(IntPtr.Zero, ownsHandle: false);

    internal GeneratorHandle(IntPtr handle, bool ownsHandle = true) : base(IntPtr.Zero, ownsHandle) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.td_generator_free(handle);
        return true;
    }
}

/// <summary>Owns a native torch::optim::Optimizer.</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    internal OptimizerHandle(IntPtr handle) : base(IntPtr.Zero, true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.td_optim_free(handle);
        return true;
    }
}
