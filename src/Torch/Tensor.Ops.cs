namespace Torch;

// The operations on a tensor, named as in PyTorch. Each one returns a new tensor (registered in the
// current dispose scope) unless its name ends in an underscore, which marks an in-place operation.
public sealed partial class Tensor
{
    static int IsInt(double v, Tensor t) => v == Math.Floor(v) && DTypeInfo.IsIntegral(t.DType) ? 1 : 0;

    // ---- arithmetic ----------------------------------------------------------------------------
    public Tensor Add(Tensor other, double alpha = 1) => new(Native.td_add(Handle, other.Handle, alpha));
    public Tensor Sub(Tensor other, double alpha = 1) => new(Native.td_sub(Handle, other.Handle, alpha));
    public Tensor Mul(Tensor other) => new(Native.td_mul(Handle, other.Handle));
    public Tensor Div(Tensor other) => new(Native.td_div(Handle, other.Handle));
    public Tensor Add(double v) => new(Native.td_add_scalar(Handle, v, IsInt(v, this)));
    public Tensor Sub(double v) => new(Native.td_sub_scalar(Handle, v, IsInt(v, this)));
    public Tensor Mul(double v) => new(Native.td_mul_scalar(Handle, v, IsInt(v, this)));
    public Tensor Div(double v) => new(Native.td_div_scalar(Handle, v, 0));
    public Tensor Pow(double exponent) => new(Native.td_pow_scalar(Handle, exponent, 0));
    public Tensor Pow(Tensor exponent) => new(Native.td_pow_tensor(Handle, exponent.Handle));
    public Tensor Remainder(double v) => new(Native.td_remainder_scalar(Handle, v, IsInt(v, this)));
    public Tensor Maximum(Tensor other) => new(Native.td_maximum(Handle, other.Handle));
    public Tensor Minimum(Tensor other) => new(Native.td_minimum(Handle, other.Handle));

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator +(Tensor a, double b) => a.Add(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(b);
    public static Tensor operator +(double a, Tensor b) => b.Add(a);
    public static Tensor operator -(double a, Tensor b) => new(Native.td_rsub_scalar(b.Handle, a, IsInt(a, b)));
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);
    public static Tensor operator /(double a, Tensor b)
    {
        using var inverse = b.Pow(-1);
        return inverse.Mul(a);
    }
    public static Tensor operator -(Tensor a) => a.Neg();

    // ---- elementwise functions -------------------------------------------------------------------
    public Tensor Neg() => new(Native.td_neg(Handle));
    public Tensor Exp() => new(Native.td_exp(Handle));
    public Tensor Log() => new(Native.td_log(Handle));
    public Tensor Log1p() => new(Native.td_log1p(Handle));
    public Tensor Expm1() => new(Native.td_expm1(Handle));
    public Tensor Sqrt() => new(Native.td_sqrt(Handle));
    public Tensor Rsqrt() => new(Native.td_rsqrt(Handle));
    public Tensor Abs() => new(Native.td_abs(Handle));
    public Tensor Sign() => new(Native.td_sign(Handle));
    public Tensor Sin() => new(Native.td_sin(Handle));
    public Tensor Cos() => new(Native.td_cos(Handle));
    public Tensor Tanh() => new(Native.td_tanh(Handle));
    public Tensor Sigmoid() => new(Native.td_sigmoid(Handle));
    public Tensor Erf() => new(Native.td_erf(Handle));
    public Tensor Round() => new(Native.td_round(Handle));
    public Tensor Floor() => new(Native.td_floor(Handle));
    public Tensor Ceil() => new(Native.td_ceil(Handle));
    public Tensor IsNan() => new(Native.td_isnan(Handle));

    public Tensor Clamp(double? min = null, double? max = null) =>
        new(Native.td_clamp(Handle, min ?? 0, max ?? 0, min.HasValue ? 1 : 0, max.HasValue ? 1 : 0));

    // ---- comparison and logic (results are bool tensors) ------------------------------------------------
    public Tensor Eq(Tensor other) => new(Native.td_eq(Handle, other.Handle));
    public Tensor Ne(Tensor other) => new(Native.td_ne(Handle, other.Handle));
    public Tensor Lt(Tensor other) => new(Native.td_lt(Handle, other.Handle));
    public Tensor Le(Tensor other) => new(Native.td_le(Handle, other.Handle));
    public Tensor Gt(Tensor other) => new(Native.td_gt(Handle, other.Handle));
    public Tensor Ge(Tensor other) => new(Native.td_ge(Handle, other.Handle));
    public Tensor Eq(double v) => new(Native.td_eq_scalar(Handle, v, IsInt(v, this)));
    public Tensor Ne(double v) => new(Native.td_ne_scalar(Handle, v, IsInt(v, this)));
    public Tensor Lt(double v) => new(Native.td_lt_scalar(Handle, v, IsInt(v, this)));
    public Tensor Le(double v) => new(Native.td_le_scalar(Handle, v, IsInt(v, this)));
    public Tensor Gt(double v) => new(Native.td_gt_scalar(Handle, v, IsInt(v, this)));
    public Tensor Ge(double v) => new(Native.td_ge_scalar(Handle, v, IsInt(v, this)));
    public Tensor LogicalAnd(Tensor other) => new(Native.td_logical_and(Handle, other.Handle));
    public Tensor LogicalOr(Tensor other) => new(Native.td_logical_or(Handle, other.Handle));
    public Tensor LogicalNot() => new(Native.td_logical_not(Handle));

    /// <summary>Copy of this tensor with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor MaskedFill(Tensor mask, double value) => new(Native.td_masked_fill(Handle, mask.Handle, value, IsInt(value, this)));

    // ---- in place ------------------------------------------------------------------------------------
    public Tensor Add_(Tensor other, double alpha = 1)
    {
        Native.Check(Native.td_add_(Handle, other.Handle, alpha));
        return this;
    }

    public Tensor Mul_(double v)
    {
        Native.Check(Native.td_mul_scalar_(Handle, v));
        return this;
    }

    public Tensor Fill_(double v)
    {
        Native.Check(Native.td_fill_(Handle, v, IsInt(v, this)));
        return this;
    }

    public Tensor Zero_()
    {
        Native.Check(Native.td_zero_(Handle));
        return this;
    }

    public Tensor MaskedFill_(Tensor mask, double value)
    {
        Native.Check(Native.td_masked_fill_(Handle, mask.Handle, value, IsInt(value, this)));
        return this;
    }

    /// <summary>this ← this + weight·(end − this).</summary>
    public Tensor Lerp_(Tensor end, double weight)
    {
        Native.Check(Native.td_lerp_(Handle, end.Handle, weight));
        return this;
    }

    public Tensor Uniform_(double low, double high, Generator? generator = null)
    {
        Native.Check(Native.td_uniform_(Handle, low, high, Generator.HandleOf(generator)));
        return this;
    }

    public Tensor Normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        Native.Check(Native.td_normal_(Handle, mean, std, Generator.HandleOf(generator)));
        return this;
    }

    /// <summary>this[index] = values, with a bool mask or a long index tensor.</summary>
    public Tensor IndexPut_(Tensor index, Tensor values)
    {
        Native.Check(Native.td_index_put_(Handle, index.Handle, values.Handle));
        return this;
    }

    // ---- reductions ------------------------------------------------------------------------------------

    public Tensor Sum() => new(Native.td_sum(Handle, [], 0, 0));
    public Tensor Sum(long dim, bool keepDim = false) => new(Native.td_sum(Handle, [dim], 1, keepDim ? 1 : 0));
    public Tensor Sum(long[] dims, bool keepDim = false) => new(Native.td_sum(Handle, dims, dims.Length, keepDim ? 1 : 0));
    public Tensor Mean() => new(Native.td_mean(Handle, [], 0, 0));
    public Tensor Mean(long dim, bool keepDim = false) => new(Native.td_mean(Handle, [dim], 1, keepDim ? 1 : 0));
    public Tensor Mean(long[] dims, bool keepDim = false) => new(Native.td_mean(Handle, dims, dims.Length, keepDim ? 1 : 0));
    public Tensor Var(bool unbiased = true) => new(Native.td_var(Handle, [], 0, unbiased ? 1 : 0, 0));
    public Tensor Var(long dim, bool unbiased = true, bool keepDim = false) => new(Native.td_var(Handle, [dim], 1, unbiased ? 1 : 0, keepDim ? 1 : 0));
    public Tensor Amax(long dim, bool keepDim = false) => new(Native.td_amax(Handle, [dim], 1, keepDim ? 1 : 0));
    public Tensor Amin(long dim, bool keepDim = false) => new(Native.td_amin(Handle, [dim], 1, keepDim ? 1 : 0));
    public Tensor Max() => new(Native.td_amax(Handle, [], 0, 0));
    public Tensor Min() => new(Native.td_amin(Handle, [], 0, 0));
    public Tensor LogSumExp(long dim, bool keepDim = false) => new(Native.td_logsumexp(Handle, dim, keepDim ? 1 : 0));
    public Tensor Norm(double p = 2) => new(Native.td_norm(Handle, p, [], 0, 0));
    public Tensor Norm(long dim, double p = 2, bool keepDim = false) => new(Native.td_norm(Handle, p, [dim], 1, keepDim ? 1 : 0));
    public Tensor ArgMax(long dim, bool keepDim = false) => new(Native.td_argmax(Handle, dim, keepDim ? 1 : 0));
    public Tensor ArgMin(long dim, bool keepDim = false) => new(Native.td_argmin(Handle, dim, keepDim ? 1 : 0));
    public Tensor CumSum(long dim) => new(Native.td_cumsum(Handle, dim));
    public Tensor All() => new(Native.td_all(Handle));
    public Tensor Any() => new(Native.td_any(Handle));

    /// <summary>Largest values along a dimension and where they are.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false)
    {
        Native.Check(Native.td_max_dim(Handle, dim, keepDim ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        Native.Check(Native.td_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false)
    {
        Native.Check(Native.td_sort(Handle, dim, descending ? 1 : 0, out var v, out var i));
        return (new Tensor(v), new Tensor(i));
    }

    public Tensor ArgSort(long dim = -1, bool descending = false)
    {
        var (values, indices) = Sort(dim, descending);
        values.Dispose();
        return indices;
    }

    // ---- linear algebra -----------------------------------------------------------------------------
    public Tensor MatMul(Tensor other) => new(Native.td_matmul(Handle, other.Handle));
    public Tensor Bmm(Tensor other) => new(Native.td_bmm(Handle, other.Handle));
    public Tensor Outer(Tensor other) => new(Native.td_outer(Handle, other.Handle));

    // ---- shape -------------------------------------------------------------------------------------------
    public Tensor Reshape(params long[] shape) => new(Native.td_reshape(Handle, shape, shape.Length));
    public Tensor View(params long[] shape) => new(Native.td_view(Handle, shape, shape.Length));
    public Tensor Expand(params long[] shape) => new(Native.td_expand(Handle, shape, shape.Length));
    public Tensor Repeat(params long[] repeats) => new(Native.td_repeat(Handle, repeats, repeats.Length));
    public Tensor Permute(params long[] dims) => new(Native.td_permute(Handle, dims, dims.Length));
    public Tensor Transpose(long dim0, long dim1) => new(Native.td_transpose(Handle, dim0, dim1));
    public Tensor Unsqueeze(long dim) => new(Native.td_unsqueeze(Handle, dim));
    public Tensor Squeeze(long dim) => new(Native.td_squeeze(Handle, dim));
    public Tensor Flatten(long startDim = 0, long endDim = -1) => new(Native.td_flatten(Handle, startDim, endDim));
    public Tensor Flip(params long[] dims) => new(Native.td_flip(Handle, dims, dims.Length));
    public Tensor Tril(long diagonal = 0) => new(Native.td_tril(Handle, diagonal));
    public Tensor Triu(long diagonal = 0) => new(Native.td_triu(Handle, diagonal));

    // ---- indexing ------------------------------------------------------------------------------------------
    /// <summary>x[start:end:step] along <paramref name="dim"/> (a view); end may be long.MaxValue.</summary>
    public Tensor Slice(long dim, long start, long end = long.MaxValue, long step = 1) => new(Native.td_slice(Handle, dim, start, end, step));

    /// <summary>x.narrow(dim, start, length).</summary>
    public Tensor Narrow(long dim, long start, long length) => Slice(dim, start, start + length);

    /// <summary>x.select(dim, index): drops the dimension.</summary>
    public Tensor Select(long dim, long index) => new(Native.td_select(Handle, dim, index));

    /// <summary>x[i] along the first dimension.</summary>
    [System.Runtime.CompilerServices.IndexerName("Row")]
    public Tensor this[long index] => Select(0, index);

    public Tensor IndexSelect(long dim, Tensor index) => new(Native.td_index_select(Handle, dim, index.Handle));

    /// <summary>x[index] with a bool mask or a long index tensor (advanced indexing on the first dims).</summary>
    public Tensor Index(Tensor index) => new(Native.td_index(Handle, index.Handle));

    public Tensor MaskedSelect(Tensor mask) => new(Native.td_masked_select(Handle, mask.Handle));
    public Tensor Gather(long dim, Tensor index) => new(Native.td_gather(Handle, dim, index.Handle));
    public Tensor Scatter(long dim, Tensor index, Tensor source) => new(Native.td_scatter(Handle, dim, index.Handle, source.Handle));
    public Tensor ScatterAdd(long dim, Tensor index, Tensor source) => new(Native.td_scatter_add(Handle, dim, index.Handle, source.Handle));
    public Tensor OneHot(long numClasses) => new(Native.td_one_hot(Handle, numClasses));

    /// <summary>Pieces of at most <paramref name="size"/> along <paramref name="dim"/> (views).</summary>
    public Tensor[] Split(long size, long dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        long extent = Size((int)dim);
        var output = new IntPtr[Math.Max(1, (int)((extent + size - 1) / size))];
        int n = Native.td_split(Handle, size, dim, output, output.Length);
        Native.Check(n);
        var pieces = new Tensor[n];
        for (int i = 0; i < n; i++) pieces[i] = new Tensor(output[i]);
        return pieces;
    }

    /// <summary>Samples <paramref name="n"/> indices per row from the (unnormalised) probabilities in this tensor.</summary>
    public Tensor Multinomial(long n, bool replacement = false, Generator? generator = null) =>
        new(Native.td_multinomial(Handle, n, replacement ? 1 : 0, Generator.HandleOf(generator)));

    /// <summary>Draws 0/1 with the probabilities in this tensor.</summary>
    public Tensor Bernoulli(Generator? generator = null) => new(Native.td_bernoulli(Handle, Generator.HandleOf(generator)));

    /// <summary>Fills this tensor with 0/1 drawn with probability <paramref name="p"/> of a 1, in place (PyTorch's bernoulli_(p)).</summary>
    public Tensor Bernoulli_(double p, Generator? generator = null)
    {
        Native.Check(Native.td_bernoulli_scalar_(Handle, p, Generator.HandleOf(generator)));
        return this;
    }

    // ---- functions commonly written as methods in PyTorch -----------------------------------------------
    public Tensor Softmax(long dim) => new(Native.td_softmax(Handle, dim));
    public Tensor LogSoftmax(long dim) => new(Native.td_log_softmax(Handle, dim));
    public Tensor Relu() => new(Native.td_relu(Handle));
    public Tensor Gelu() => new(Native.td_gelu(Handle));
    public Tensor Silu() => new(Native.td_silu(Handle));
}
