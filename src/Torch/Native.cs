using System.Reflection;
using System.Runtime.InteropServices;

namespace Torch;

/// <summary>
/// The shim's C exports (native/*.cpp). Tensors cross as <see cref="TensorHandle"/> so that a tensor
/// can never be finalised while a call that uses it is still running.
/// </summary>
internal static class Native
{
    const string Lib = "tdtorch";

    static Native()
    {
        // OpenMP threads that busy-wait between parallel regions make every step many times slower
        // as soon as another process shares the cores (seen here: 2.9 s vs 0.5 s per step). Unless the
        // user chose, ask for passive waiting. libgomp reads this when libtorch loads, i.e. on the
        // first call below, and only from the native environment, hence setenv rather than .NET's copy.
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null) setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
        KeepFreedMemoryInTheHeap();
        NativeLibrary.SetDllImportResolver(typeof(Native).Assembly, Resolve);
        int threads = int.TryParse(Environment.GetEnvironmentVariable("TD_NUM_THREADS"), out var n) && n > 0
            ? n : Environment.ProcessorCount;
        td_set_num_threads(threads);
    }

    /// <summary>
    /// glibc's malloc hands every freed block over 128 KB back to the kernel (munmap, heap trimming), so each
    /// training step page-faults its activations in afresh: 17 % of a Difformer step's time went to the kernel
    /// here (perf; length-bucketed batches change shape every step, so glibc's adaptive threshold never settles).
    /// Keep freed blocks in the heap instead: blocks up to 32 MB (glibc's ceiling for this setting) come from the
    /// heap, and the heap's free top is returned only above 1 GB. Measured on one core, cpu profile: a Difformer
    /// step 330 → 269 ms over 300 steps (400 → 270 ms over the first 40), the same losses to the last bit
    /// (bench/allocator.sh). PyTorch's CPU tuning guide makes the same point by swapping in jemalloc or tcmalloc.
    /// A user's own MALLOC_* or GLIBC_TUNABLES setting wins.
    /// </summary>
    static void KeepFreedMemoryInTheHeap()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES") is not null
            || Environment.GetEnvironmentVariables().Keys.Cast<string>().Any(k => k.StartsWith("MALLOC_", StringComparison.Ordinal))) return;
        const int M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3;
        try
        {
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 1 << 30);
        }
        catch (EntryPointNotFoundException) { } // not glibc (musl): its allocator has no such settings
    }

    // Look next to this assembly first: notebooks load it from a build folder with #r.
    static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib) return IntPtr.Zero;
        string beside = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "libtdtorch.so");
        if (File.Exists(beside)) return NativeLibrary.Load(beside);
        return NativeLibrary.TryLoad("libtdtorch.so", assembly, path, out var handle) ? handle : IntPtr.Zero;
    }

    /// <summary>Throws the shim's last error message if there is one.</summary>
    internal static void Check()
    {
        IntPtr message = td_last_error();
        if (message != IntPtr.Zero) throw new TorchException(Marshal.PtrToStringUTF8(message) ?? "unknown error");
    }

    internal static void Check(int status)
    {
        if (status < 0) Check();
    }

    internal static IntPtr Check(IntPtr handle)
    {
        if (handle == IntPtr.Zero) Check();
        return handle;
    }

    [DllImport("libc", CharSet = CharSet.Ansi)] static extern int setenv(string name, string value, int overwrite);
    [DllImport("libc")] static extern int mallopt(int param, int value);

    // runtime.cpp
    [DllImport(Lib)] internal static extern IntPtr td_last_error();
    [DllImport(Lib)] internal static extern IntPtr td_version();
    [DllImport(Lib)] internal static extern int td_set_num_threads(int n);
    [DllImport(Lib)] internal static extern int td_get_num_threads();
    [DllImport(Lib)] internal static extern int td_cuda_is_available();
    [DllImport(Lib)] internal static extern int td_cuda_device_count();
    [DllImport(Lib)] internal static extern int td_cuda_synchronize(int index);
    [DllImport(Lib)] internal static extern int td_manual_seed(ulong seed);
    [DllImport(Lib)] internal static extern IntPtr td_generator_new(ulong seed, int deviceType, int deviceIndex);
    [DllImport(Lib)] internal static extern void td_generator_free(IntPtr gen);
    [DllImport(Lib)] internal static extern int td_generator_set_seed(GeneratorHandle gen, ulong seed);
    [DllImport(Lib)] internal static extern IntPtr td_generator_get_state(GeneratorHandle gen);
    [DllImport(Lib)] internal static extern int td_generator_set_state(GeneratorHandle gen, TensorHandle state);
    [DllImport(Lib)] internal static extern int td_set_grad_enabled(int enabled);
    [DllImport(Lib)] internal static extern int td_is_grad_enabled();
    [DllImport(Lib)] internal static extern IntPtr td_blas_libraries();

    // tensor.cpp: lifetime and metadata
    [DllImport(Lib)] internal static extern void td_free(IntPtr t);
    [DllImport(Lib)] internal static extern int td_dim(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_shape(TensorHandle t, long[] shape);
    [DllImport(Lib)] internal static extern long td_numel(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_dtype(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_device_type(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_device_index(TensorHandle t);
    [DllImport(Lib)] internal static extern IntPtr td_to_string(TensorHandle t);

    // creation
    [DllImport(Lib)] internal static extern unsafe IntPtr td_from_data(void* data, long[] shape, int ndim, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_empty(long[] shape, int ndim, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_zeros(long[] shape, int ndim, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_ones(long[] shape, int ndim, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_full(long[] shape, int ndim, double value, int isInt, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_arange(double start, double end, double step, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_linspace(double start, double end, long steps, int dtype, int dt, int di);
    [DllImport(Lib)] internal static extern IntPtr td_randn(long[] shape, int ndim, int dtype, int dt, int di, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern IntPtr td_rand(long[] shape, int ndim, int dtype, int dt, int di, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern IntPtr td_randint(long low, long high, long[] shape, int ndim, int dt, int di, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern IntPtr td_randperm(long n, int dt, int di, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern IntPtr td_bernoulli(TensorHandle p, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern int td_bernoulli_scalar_(TensorHandle t, double p, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern IntPtr td_multinomial(TensorHandle probs, long n, int replacement, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern int td_uniform_(TensorHandle t, double low, double high, GeneratorHandle gen);
    [DllImport(Lib)] internal static extern int td_normal_(TensorHandle t, double mean, double std, GeneratorHandle gen);

    // reading back, conversion
    [DllImport(Lib)] internal static extern unsafe int td_copy_to(TensorHandle t, void* dst, long nbytes);
    [DllImport(Lib)] internal static extern int td_item(TensorHandle t, out double value);
    [DllImport(Lib)] internal static extern int td_item_long(TensorHandle t, out long value);
    [DllImport(Lib)] internal static extern IntPtr td_to(TensorHandle t, int dtype, int dt, int di, int copy);
    [DllImport(Lib)] internal static extern IntPtr td_clone(TensorHandle t);
    [DllImport(Lib)] internal static extern IntPtr td_contiguous(TensorHandle t);
    [DllImport(Lib)] internal static extern IntPtr td_alias(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_copy_(TensorHandle dst, TensorHandle src);
    [DllImport(Lib)] internal static extern int td_set_data(TensorHandle t, TensorHandle data);

    // autograd
    [DllImport(Lib)] internal static extern int td_requires_grad(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_set_requires_grad(TensorHandle t, int value);
    [DllImport(Lib)] internal static extern IntPtr td_detach(TensorHandle t);
    [DllImport(Lib)] internal static extern IntPtr td_grad(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_clear_grad(TensorHandle t);
    [DllImport(Lib)] internal static extern int td_backward(TensorHandle t, TensorHandle grad, int retainGraph);

    // unary
    [DllImport(Lib)] internal static extern IntPtr td_neg(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_exp(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_log(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_log1p(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_expm1(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_sqrt(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_rsqrt(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_abs(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_sign(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_sin(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_cos(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_tanh(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_sigmoid(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_logsigmoid(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_softplus(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_relu(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_silu(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_gelu(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_gelu_tanh(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_erf(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_round(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_floor(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_ceil(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_logical_not(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_isnan(TensorHandle a);

    // binary
    [DllImport(Lib)] internal static extern IntPtr td_add(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Lib)] internal static extern IntPtr td_sub(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Lib)] internal static extern IntPtr td_mul(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_div(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_pow_tensor(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_maximum(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_minimum(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_eq(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_ne(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_lt(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_le(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_gt(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_ge(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_logical_and(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_logical_or(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_matmul(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_bmm(TensorHandle a, TensorHandle b);

    // tensor ∘ scalar
    [DllImport(Lib)] internal static extern IntPtr td_add_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_sub_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_rsub_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_mul_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_div_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_pow_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_eq_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_ne_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_lt_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_le_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_gt_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_ge_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_remainder_scalar(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern IntPtr td_clamp(TensorHandle a, double min, double max, int hasMin, int hasMax);
    [DllImport(Lib)] internal static extern IntPtr td_where(TensorHandle cond, TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_masked_fill(TensorHandle a, TensorHandle mask, double v, int isInt);

    // in place
    [DllImport(Lib)] internal static extern int td_add_(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Lib)] internal static extern int td_mul_scalar_(TensorHandle a, double v);
    [DllImport(Lib)] internal static extern int td_fill_(TensorHandle a, double v, int isInt);
    [DllImport(Lib)] internal static extern int td_zero_(TensorHandle a);
    [DllImport(Lib)] internal static extern int td_masked_fill_(TensorHandle a, TensorHandle mask, double v, int isInt);
    [DllImport(Lib)] internal static extern int td_lerp_(TensorHandle a, TensorHandle b, double weight);

    // reductions
    [DllImport(Lib)] internal static extern IntPtr td_sum(TensorHandle a, long[] dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_mean(TensorHandle a, long[] dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_var(TensorHandle a, long[] dims, int ndims, int unbiased, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_amax(TensorHandle a, long[] dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_amin(TensorHandle a, long[] dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_logsumexp(TensorHandle a, long dim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_norm(TensorHandle a, double p, long[] dims, int ndims, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_argmax(TensorHandle a, long dim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_argmin(TensorHandle a, long dim, int keepdim);
    [DllImport(Lib)] internal static extern IntPtr td_cumsum(TensorHandle a, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_all(TensorHandle a);
    [DllImport(Lib)] internal static extern IntPtr td_any(TensorHandle a);
    [DllImport(Lib)] internal static extern int td_max_dim(TensorHandle a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int td_topk(TensorHandle a, long k, long dim, int largest, int sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Lib)] internal static extern int td_sort(TensorHandle a, long dim, int descending, out IntPtr values, out IntPtr indices);

    // shape and indexing
    [DllImport(Lib)] internal static extern IntPtr td_reshape(TensorHandle a, long[] shape, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_view(TensorHandle a, long[] shape, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_expand(TensorHandle a, long[] shape, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_repeat(TensorHandle a, long[] reps, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_permute(TensorHandle a, long[] dims, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_transpose(TensorHandle a, long d0, long d1);
    [DllImport(Lib)] internal static extern IntPtr td_unsqueeze(TensorHandle a, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_squeeze(TensorHandle a, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_flatten(TensorHandle a, long start, long end);
    [DllImport(Lib)] internal static extern IntPtr td_slice(TensorHandle a, long dim, long start, long end, long step);
    [DllImport(Lib)] internal static extern IntPtr td_select(TensorHandle a, long dim, long index);
    [DllImport(Lib)] internal static extern IntPtr td_index_select(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] internal static extern IntPtr td_masked_select(TensorHandle a, TensorHandle mask);
    [DllImport(Lib)] internal static extern IntPtr td_gather(TensorHandle a, long dim, TensorHandle index);
    [DllImport(Lib)] internal static extern IntPtr td_scatter(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [DllImport(Lib)] internal static extern IntPtr td_scatter_add(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [DllImport(Lib)] internal static extern IntPtr td_index(TensorHandle a, TensorHandle index);
    [DllImport(Lib)] internal static extern int td_index_put_(TensorHandle a, TensorHandle index, TensorHandle values);
    [DllImport(Lib)] internal static extern IntPtr td_cat(IntPtr[] list, int n, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_stack(IntPtr[] list, int n, long dim);
    [DllImport(Lib)] internal static extern int td_split(TensorHandle a, long size, long dim, IntPtr[] output, int capacity);
    [DllImport(Lib)] internal static extern IntPtr td_tril(TensorHandle a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr td_triu(TensorHandle a, long diagonal);
    [DllImport(Lib)] internal static extern IntPtr td_flip(TensorHandle a, long[] dims, int ndim);
    [DllImport(Lib)] internal static extern IntPtr td_one_hot(TensorHandle a, long classes);
    [DllImport(Lib)] internal static extern IntPtr td_outer(TensorHandle a, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_cdist(TensorHandle a, TensorHandle b);

    // nn.cpp
    [DllImport(Lib)] internal static extern IntPtr td_linear(TensorHandle x, TensorHandle w, TensorHandle b);
    [DllImport(Lib)] internal static extern IntPtr td_layer_norm(TensorHandle x, long[] shape, int ndim, TensorHandle w, TensorHandle b, double eps);
    [DllImport(Lib)] internal static extern IntPtr td_embedding(TensorHandle weight, TensorHandle ids, long paddingIdx);
    [DllImport(Lib)] internal static extern IntPtr td_softmax(TensorHandle x, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_log_softmax(TensorHandle x, long dim);
    [DllImport(Lib)] internal static extern IntPtr td_dropout(TensorHandle x, double p, int train);
    [DllImport(Lib)] internal static extern IntPtr td_cross_entropy(TensorHandle logits, TensorHandle target, TensorHandle weight, int reduction, long ignoreIndex, double labelSmoothing);
    [DllImport(Lib)] internal static extern IntPtr td_nll_loss(TensorHandle logp, TensorHandle target, int reduction, long ignoreIndex);
    [DllImport(Lib)] internal static extern IntPtr td_mse_loss(TensorHandle a, TensorHandle b, int reduction);
    [DllImport(Lib)] internal static extern IntPtr td_bce_with_logits(TensorHandle logits, TensorHandle target, int reduction);
    [DllImport(Lib)] internal static extern IntPtr td_attention(TensorHandle q, TensorHandle k, TensorHandle v, TensorHandle keep, double dropoutP, int causal);

    // optim.cpp
    [DllImport(Lib)] internal static extern IntPtr td_adamw_new(IntPtr[] ps, int n, double lr, double b1, double b2, double eps, double wd, int amsgrad);
    [DllImport(Lib)] internal static extern IntPtr td_adam_new(IntPtr[] ps, int n, double lr, double b1, double b2, double eps, double wd, int amsgrad);
    [DllImport(Lib)] internal static extern IntPtr td_adagrad_new(IntPtr[] ps, int n, double lr, double lrDecay, double wd, double initialAccumulator, double eps);
    [DllImport(Lib)] internal static extern void td_optim_free(IntPtr o);
    [DllImport(Lib)] internal static extern int td_optim_step(OptimizerHandle o);
    [DllImport(Lib)] internal static extern int td_optim_zero_grad(OptimizerHandle o);
    [DllImport(Lib)] internal static extern int td_optim_set_lr(OptimizerHandle o, double lr);
    [DllImport(Lib)] internal static extern int td_optim_save(OptimizerHandle o, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [DllImport(Lib)] internal static extern int td_optim_load(OptimizerHandle o, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [DllImport(Lib)] internal static extern int td_clip_grad_norm(IntPtr[] ps, int n, double maxNorm, double normType, out double total);
    [DllImport(Lib)] internal static extern int td_save_tensors(IntPtr[] names, IntPtr[] tensors, int n, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [DllImport(Lib)] internal static extern IntPtr td_archive_open([MarshalAs(UnmanagedType.LPUTF8Str)] string path);
    [DllImport(Lib)] internal static extern void td_archive_free(IntPtr a);
    [DllImport(Lib)] internal static extern long td_archive_keys(IntPtr a, byte[]? output, long capacity);
    [DllImport(Lib)] internal static extern IntPtr td_archive_read(IntPtr a, [MarshalAs(UnmanagedType.LPUTF8Str)] string key);
}
