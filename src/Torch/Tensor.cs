using System.Runtime.InteropServices;

namespace Torch;

/// <summary>
/// An n-dimensional array in libtorch, with autograd. Dispose it, or create it inside a
/// <see cref="DisposeScope"/> (one per training step) so that native memory is freed at the scope's end.
/// Operations live in Tensor.Ops.cs; factories in <see cref="torch"/>.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    internal readonly TensorHandle Handle;
    internal DisposeScope? Scope;

    internal Tensor(IntPtr handle)
    {
        Handle = new TensorHandle(Native.Check(handle));
        DisposeScope.Register(this);
    }

    public void Dispose()
    {
        Scope?.Forget(this);
        Handle.Dispose();
    }

    public bool IsDisposed => Handle.IsClosed;

    // ---- metadata -------------------------------------------------------------------------------
    public int Dim => Native.td_dim(Handle);

    public long[] Shape
    {
        get
        {
            var shape = new long[Native.td_dim(Handle)];
            Native.Check(Native.td_shape(Handle, shape));
            return shape;
        }
    }

    /// <summary>Size of one dimension; negative counts from the end.</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? shape.Length + dim : dim];
    }

    public long NumEl => Native.td_numel(Handle);
    public DType DType => (DType)Native.td_dtype(Handle);
    public Device Device => new((DeviceType)Native.td_device_type(Handle), Native.td_device_index(Handle));

    public override string ToString()
    {
        if (Handle.IsClosed) return "Tensor(disposed)";
        IntPtr text = Native.td_to_string(Handle);
        if (text == IntPtr.Zero) Native.Check();
        return Marshal.PtrToStringUTF8(text) ?? "";
    }

    // ---- values back to .NET -----------------------------------------------------------------------
    /// <summary>All elements, row-major, copied to a managed array (from any device).</summary>
    public unsafe T[] ToArray<T>() where T : unmanaged
    {
        DType want = DTypeInfo.Of<T>();
        if (DType != want)
            throw new ArgumentException($"tensor has dtype {DType}, ToArray<{typeof(T).Name}> needs {want}; call .To({want}) first");
        var result = new T[NumEl];
        fixed (T* p = result) Native.Check(Native.td_copy_to(Handle, p, (long)result.Length * sizeof(T)));
        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double Item()
    {
        Native.Check(Native.td_item(Handle, out double v));
        return v;
    }

    public long ItemLong()
    {
        Native.Check(Native.td_item_long(Handle, out long v));
        return v;
    }

    // ---- autograd -------------------------------------------------------------------------------------
    public bool RequiresGrad
    {
        get => Native.td_requires_grad(Handle) != 0;
        set => Native.Check(Native.td_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (PyTorch's requires_grad_).</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    /// <summary>The accumulated gradient, or null if backward has not reached this tensor.</summary>
    public Tensor? Grad
    {
        get
        {
            IntPtr g = Native.td_grad(Handle);
            if (g == IntPtr.Zero)
            {
                Native.Check();
                return null;
            }
            return new Tensor(g);
        }
    }

    /// <summary>Drops the accumulated gradient (set_to_none).</summary>
    public void ClearGrad() => Native.Check(Native.td_clear_grad(Handle));

    public void Backward(Tensor? gradient = null, bool retainGraph = false) =>
        Native.Check(Native.td_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retainGraph ? 1 : 0));

    public Tensor Detach() => new(Native.td_detach(Handle));

    // ---- conversion ------------------------------------------------------------------------------------
    public Tensor To(DType dtype) => new(Native.td_to(Handle, (int)dtype, (int)Device.Type, Device.Index, 0));
    public Tensor To(Device device) => new(Native.td_to(Handle, (int)DType, (int)device.Type, device.Index, 0));
    public Tensor To(DType dtype, Device device) => new(Native.td_to(Handle, (int)dtype, (int)device.Type, device.Index, 0));
    public Tensor Clone() => new(Native.td_clone(Handle));
    public Tensor Contiguous() => new(Native.td_contiguous(Handle));

    /// <summary>A second handle to the same tensor (shares storage and autograd identity).</summary>
    public Tensor Alias() => new(Native.td_alias(Handle));

    /// <summary>Copies <paramref name="source"/>'s values into this tensor in place.</summary>
    public Tensor Copy_(Tensor source)
    {
        Native.Check(Native.td_copy_(Handle, source.Handle));
        return this;
    }

    /// <summary>Replaces this tensor's data (storage, dtype, device) keeping its identity: how a module moves its parameters.</summary>
    public void SetData(Tensor data) => Native.Check(Native.td_set_data(Handle, data.Handle));

    // ---- helpers for the operations ---------------------------------------------------------------------
    /// <summary>Raw handles of a list, for exports taking arrays; callers keep the list alive (GC.KeepAlive) across the call.</summary>
    internal static IntPtr[] Handles(IReadOnlyList<Tensor> tensors)
    {
        var handles = new IntPtr[tensors.Count];
        for (int i = 0; i < handles.Length; i++)
        {
            ObjectDisposedException.ThrowIf(tensors[i].Handle.IsClosed, tensors[i]);
            handles[i] = tensors[i].Handle.DangerousGetHandle();
        }
        return handles;
    }
}

public sealed partial class Tensor
{
    /// <summary>The elements' bytes, row-major, little-endian (a CPU copy).</summary>
    internal unsafe byte[] RawBytes()
    {
        var bytes = new byte[NumEl * DTypeInfo.ElementSize(DType)];
        fixed (byte* p = bytes) Native.Check(Native.td_copy_to(Handle, p, bytes.Length));
        return bytes;
    }

    internal static unsafe Tensor FromRawBytes(byte[] bytes, long[] shape, DType dtype)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b) * DTypeInfo.ElementSize(dtype);
        if (expected != bytes.LongLength) throw new InvalidDataException($"{bytes.LongLength} bytes for a {dtype} tensor of shape [{string.Join(", ", shape)}], expected {expected}");
        fixed (byte* p = bytes) return new Tensor(Native.td_from_data(p, shape, shape.Length, (int)dtype, (int)DeviceType.Cpu, -1));
    }
}
