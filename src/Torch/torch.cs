using System.Runtime.InteropServices;

#pragma warning disable CS8981 // a lower-case type name, on purpose: torch.Zeros(...) reads like PyTorch.

namespace Torch;

/// <summary>Tensor factories and global state, as in PyTorch's <c>torch</c> module.</summary>
public static class torch
{
    public const DType float32 = DType.Float32;
    public const DType float64 = DType.Float64;
    public const DType int64 = DType.Int64;
    public const DType @bool = DType.Bool;

    /// <summary>The default dtype for floating-point factories.</summary>
    public static DType DefaultDType { get; set; } = DType.Float32;

    // ---- from .NET data ----------------------------------------------------------------------------
    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (default: 1-D).</summary>
    public static unsafe Tensor Tensor<T>(T[] data, long[]? shape = null, Device? device = null, bool requiresGrad = false)
        where T : unmanaged
    {
        shape ??= [data.LongLength];
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.LongLength)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} elements, data has {data.LongLength}");
        var d = device ?? Device.Cpu;
        Tensor t;
        fixed (T* p = data) t = new Tensor(Native.td_from_data(p, shape, shape.Length, (int)DTypeInfo.Of<T>(), (int)d.Type, d.Index));
        if (requiresGrad) t.RequiresGrad = true;
        return t;
    }

    /// <summary>A 2-D tensor from a rectangular array.</summary>
    public static Tensor Tensor<T>(T[,] data, Device? device = null) where T : unmanaged
    {
        var flat = new T[data.Length];
        int k = 0;
        foreach (var v in data) flat[k++] = v;
        return Tensor(flat, [data.GetLength(0), data.GetLength(1)], device);
    }

    public static Tensor Scalar(double value, DType? dtype = null, Device? device = null) =>
        Full([], value, dtype, device);

    // ---- filled -------------------------------------------------------------------------------------
    static (int, int, int) Opts(DType? dtype, Device? device)
    {
        var d = device ?? Device.Cpu;
        return ((int)(dtype ?? DefaultDType), (int)d.Type, d.Index);
    }

    public static Tensor Empty(long[] shape, DType? dtype = null, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_empty(shape, shape.Length, t, dt, di));
    }

    public static Tensor Zeros(long[] shape, DType? dtype = null, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_zeros(shape, shape.Length, t, dt, di));
    }

    public static Tensor Ones(long[] shape, DType? dtype = null, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_ones(shape, shape.Length, t, dt, di));
    }

    public static Tensor Full(long[] shape, double value, DType? dtype = null, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        int isInt = DTypeInfo.IsIntegral((DType)t) ? 1 : 0;
        return new Tensor(Native.td_full(shape, shape.Length, value, isInt, t, dt, di));
    }

    public static Tensor ZerosLike(Tensor x) => Zeros(x.Shape, x.DType, x.Device);
    public static Tensor OnesLike(Tensor x) => Ones(x.Shape, x.DType, x.Device);
    public static Tensor FullLike(Tensor x, double value) => Full(x.Shape, value, x.DType, x.Device);

    /// <summary>[start, end) in steps of <paramref name="step"/>; int64 unless a dtype is given.</summary>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_arange(start, end, step, t, dt, di));
    }

    public static Tensor Arange(long end, Device? device = null) => Arange(0, end, 1, DType.Int64, device);

    public static Tensor Linspace(double start, double end, long steps, DType? dtype = null, Device? device = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_linspace(start, end, steps, t, dt, di));
    }

    // ---- random ---------------------------------------------------------------------------------------
    public static Tensor Randn(long[] shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_randn(shape, shape.Length, t, dt, di, Generator.HandleOf(generator)));
    }

    public static Tensor Rand(long[] shape, DType? dtype = null, Device? device = null, Generator? generator = null)
    {
        var (t, dt, di) = Opts(dtype, device);
        return new Tensor(Native.td_rand(shape, shape.Length, t, dt, di, Generator.HandleOf(generator)));
    }

    public static Tensor RandInt(long low, long high, long[] shape, Device? device = null, Generator? generator = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(Native.td_randint(low, high, shape, shape.Length, (int)d.Type, d.Index, Generator.HandleOf(generator)));
    }

    public static Tensor RandPerm(long n, Device? device = null, Generator? generator = null)
    {
        var d = device ?? Device.Cpu;
        return new Tensor(Native.td_randperm(n, (int)d.Type, d.Index, Generator.HandleOf(generator)));
    }

    public static Tensor RandnLike(Tensor x, Generator? generator = null) => Randn(x.Shape, x.DType, x.Device, generator);

    /// <summary>Seeds the global generators (CPU and every CUDA device): dropout, initialisation, sampling without a generator.</summary>
    public static void ManualSeed(ulong seed) => Native.Check(Native.td_manual_seed(seed));

    // ---- combining ---------------------------------------------------------------------------------------
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var t = new Tensor(Native.td_cat(Torch.Tensor.Handles(tensors), tensors.Count, dim));
        GC.KeepAlive(tensors);
        return t;
    }

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        var t = new Tensor(Native.td_stack(Torch.Tensor.Handles(tensors), tensors.Count, dim));
        GC.KeepAlive(tensors);
        return t;
    }

    /// <summary>Elementwise choice: a where cond is true, else b.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => new(Native.td_where(condition.Handle, a.Handle, b.Handle));

    /// <summary>Pairwise Euclidean distances between the rows of a [.., n, d] and b [.., m, d].</summary>
    public static Tensor CDist(Tensor a, Tensor b) => new(Native.td_cdist(a.Handle, b.Handle));

    // ---- scopes ---------------------------------------------------------------------------------------------
    /// <summary>Opens a scope that frees every tensor created on this thread until it is disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>
    /// Evaluates a formula in its own dispose scope and keeps only its result: every intermediate tensor is freed when the
    /// formula returns, so a method reads as the equation it computes, <c>=&gt; torch.Scoped(() =&gt; √ᾱ·x0 + √(1−ᾱ)·ε)</c>,
    /// and memory stays flat however often it is called.
    /// </summary>
    public static Tensor Scoped(Func<Tensor> formula)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(formula());
    }

    /// <summary><see cref="Scoped(Func{Tensor})"/> for a formula with two results (e.g. a mean and a variance).</summary>
    public static (Tensor, Tensor) Scoped(Func<(Tensor, Tensor)> formula)
    {
        using var scope = NewDisposeScope();
        var (a, b) = formula();
        return (scope.MoveToOuter(a), scope.MoveToOuter(b));
    }

    /// <summary><see cref="Scoped(Func{Tensor})"/> for a formula with three results.</summary>
    public static (Tensor, Tensor, Tensor) Scoped(Func<(Tensor, Tensor, Tensor)> formula)
    {
        using var scope = NewDisposeScope();
        var (a, b, c) = formula();
        return (scope.MoveToOuter(a), scope.MoveToOuter(b), scope.MoveToOuter(c));
    }

    /// <summary>Evaluates <paramref name="f"/> without recording gradients (a <c>with torch.no_grad():</c> block).</summary>
    public static T NoGrad<T>(Func<T> f)
    {
        using var guard = NoGrad();
        return f();
    }

    /// <summary>Runs <paramref name="body"/> without recording gradients.</summary>
    public static void NoGrad(Action body)
    {
        using var guard = NoGrad();
        body();
    }

    /// <summary><see cref="Scoped(Func{Tensor})"/> without recording gradients: an evaluation (sampling, scoring) as one expression.</summary>
    public static Tensor NoGradScoped(Func<Tensor> formula)
    {
        using var guard = NoGrad();
        return Scoped(formula);
    }

    /// <summary><see cref="NoGradScoped(Func{Tensor})"/> for two results.</summary>
    public static (Tensor, Tensor) NoGradScoped(Func<(Tensor, Tensor)> formula)
    {
        using var guard = NoGrad();
        return Scoped(formula);
    }

    /// <summary>Disables gradient recording until the returned guard is disposed (torch.no_grad()).</summary>
    public static GradModeGuard NoGrad() => new(false);

    /// <summary>
    /// A dispose scope with gradient recording off, both ended by one dispose: for a whole evaluation (sampling, scoring,
    /// statistics) whose result is not a tensor, <c>using var evaluation = torch.NoGradScope();</c>.
    /// </summary>
    public static NoGradDisposeScope NoGradScope() => new(NewDisposeScope(), NoGrad());

    /// <summary>Sets gradient recording until the returned guard is disposed (torch.enable_grad()).</summary>
    public static GradModeGuard EnableGrad(bool enabled = true) => new(enabled);

    public static bool IsGradEnabled => Native.td_is_grad_enabled() != 0;

    // ---- the runtime ------------------------------------------------------------------------------------------
    /// <summary>libtorch's version, e.g. "1.13.0".</summary>
    public static string Version => Marshal.PtrToStringUTF8(Native.td_version()) ?? "";

    /// <summary>Intra-op threads. Set to every core at start-up (override with TD_NUM_THREADS).</summary>
    public static int NumThreads
    {
        get => Native.td_get_num_threads();
        set => Native.Check(Native.td_set_num_threads(value));
    }

    /// <summary>The BLAS shared objects loaded into this process, resolved through symlinks.</summary>
    public static string BlasLibraries => Marshal.PtrToStringUTF8(Native.td_blas_libraries()) ?? "";

    public static class cuda
    {
        public static bool IsAvailable() => Native.td_cuda_is_available() != 0;
        public static int DeviceCount() => Native.td_cuda_device_count();
        public static void Synchronize(int device = 0) => Native.Check(Native.td_cuda_synchronize(device));
    }
}

/// <summary>A dispose scope and a no-grad guard ended together (<see cref="torch.NoGradScope"/>): the guard first, then the scope's tensors.</summary>
public sealed class NoGradDisposeScope(DisposeScope scope, GradModeGuard guard) : IDisposable
{
    /// <summary>The dispose scope, e.g. to move a tensor out of it.</summary>
    public DisposeScope Scope => scope;

    public void Dispose()
    {
        guard.Dispose();
        scope.Dispose();
    }
}

/// <summary>Restores the previous grad mode when disposed.</summary>
public readonly struct GradModeGuard : IDisposable
{
    readonly bool previous;

    internal GradModeGuard(bool enabled) => previous = Native.td_set_grad_enabled(enabled ? 1 : 0) != 0;

    public void Dispose() => Native.td_set_grad_enabled(previous ? 1 : 0);
}
