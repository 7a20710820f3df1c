namespace Torch.Tests;

/// <summary>Factories, metadata, dtype rules and the values of the non-differentiable operations.</summary>
public class TensorTests
{
    [Fact]
    public void Tensor_from_data_keeps_values_shape_and_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.Tensor(new[] { 1L, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal([2L, 3], t.Shape);
        Assert.Equal(2, t.Dim);
        Assert.Equal(6, t.NumEl);
        Assert.Equal(3, t.Size(-1));
        Assert.Equal(DeviceType.Cpu, t.Device.Type);
        Assert.Equal([1L, 2, 3, 4, 5, 6], t.ToArray<long>());

        var m = torch.Tensor(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } });
        Assert.Equal([2L, 2], m.Shape);
        Assert.Equal(3.0, m[1][0].Item());

        Assert.Equal(DType.Float32, torch.Tensor(new[] { 1f }).DType);
        Assert.Equal(DType.Int32, torch.Tensor(new[] { 1 }).DType);
        Assert.Equal(DType.UInt8, torch.Tensor(new byte[] { 1 }).DType);
        Assert.Equal(DType.Bool, torch.Tensor(new[] { true }).DType);
    }

    [Fact]
    public void Filled_factories()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[6], torch.Zeros([2, 3]).ToArray<float>());
        Assert.Equal([1.0, 1.0], torch.Ones([2], DType.Float64).ToArray<double>());
        Assert.Equal([7L, 7L, 7L], torch.Full([3], 7, DType.Int64).ToArray<long>());
        Assert.Equal([true, true], torch.Full([2], 1, DType.Bool).ToArray<bool>());
        Assert.Equal(DType.Float32, torch.Empty([4]).DType);
        Assert.Empty(torch.Scalar(2.5).Shape);
        Assert.Equal(2.5, torch.Scalar(2.5).Item());
        var like = torch.FullLike(torch.Zeros([2, 2], DType.Float64), -1);
        Assert.Equal(DType.Float64, like.DType);
        Assert.Equal([-1.0, -1, -1, -1], like.ToArray<double>());
    }

    [Fact]
    public void Arange_and_linspace()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([0L, 1, 2, 3, 4], torch.Arange(5).ToArray<long>());
        Assert.Equal([1.0, 1.5, 2.0, 2.5], torch.Arange(1, 3, 0.5, DType.Float64).ToArray<double>());
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], torch.Linspace(0, 1, 5, DType.Float64).ToArray<double>());
    }

    [Fact]
    public void Integer_tensors_keep_their_dtype_with_integral_scalars_and_promote_otherwise()
    {
        using var scope = torch.NewDisposeScope();
        var i = torch.Tensor(new[] { 1L, 2, 3 });
        Assert.Equal(DType.Int64, (i + 2).DType);
        Assert.Equal(DType.Int64, (i * 3).DType);
        Assert.Equal(DType.Int64, (10 - i).DType);
        Assert.Equal([9L, 8, 7], (10 - i).ToArray<long>());
        Assert.Equal(DType.Float32, (i * 0.5).DType);           // PyTorch promotes int·float to the default float
        Assert.Equal(DType.Float32, (i / 2).DType);             // true division
        Assert.Equal([0.5f, 1f, 1.5f], (i / 2).ToArray<float>());
        Assert.Equal([1L, 0, 1], i.Remainder(2).ToArray<long>());
        Assert.Equal([0L, 2, 3], i.MaskedFill(i.Eq(1), 0).ToArray<long>());
    }

    [Fact]
    public void Comparison_and_logic_give_bool_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2.0, 3.0 });
        var y = torch.Tensor(new[] { 3.0, 2.0, 1.0 });
        Assert.Equal([false, false, true], x.Gt(y).ToArray<bool>());
        Assert.Equal([true, true, false], x.Le(2).ToArray<bool>());
        Assert.Equal([false, true, false], x.Eq(y).ToArray<bool>());
        Assert.Equal([true, false, true], x.Ne(y).ToArray<bool>());
        Assert.Equal([false, true, false], x.Ge(2).LogicalAnd(x.Le(2)).ToArray<bool>());
        Assert.Equal([true, false, true], x.Lt(2).LogicalOr(x.Gt(2)).ToArray<bool>());
        Assert.Equal([true, false, true], x.Eq(2).LogicalNot().ToArray<bool>());
        Assert.False(x.Gt(0).LogicalNot().Any().ItemLong() != 0);
        Assert.True(x.Gt(0).All().ItemLong() != 0);
        Assert.Equal([false, true], torch.Tensor(new[] { 1.0, double.NaN }).IsNan().ToArray<bool>());
    }

    [Fact]
    public void Rounding_and_sign()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { -1.5, -0.2, 0.0, 0.7, 2.5 });
        Assert.Equal([-2.0, -1, 0, 0, 2], x.Floor().ToArray<double>());
        Assert.Equal([-1.0, -0.0, 0, 1, 3], x.Ceil().ToArray<double>());
        Assert.Equal([-2.0, -0.0, 0, 1, 2], x.Round().ToArray<double>()); // half to even
        Assert.Equal([-1.0, -1, 0, 1, 1], x.Sign().ToArray<double>());
    }

    [Fact]
    public void Sort_topk_argmax_and_max_with_indices()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 3.0, 1.0, 4.0, 1.5, 9.0, 2.0 }, [2, 3]);
        var (values, indices) = x.Sort(1);
        Assert.Equal([1.0, 3, 4, 1.5, 2, 9], values.ToArray<double>());
        Assert.Equal([1L, 0, 2, 0, 2, 1], indices.ToArray<long>());
        Assert.Equal([2L, 0, 1, 1, 2, 0], x.ArgSort(1, descending: true).ToArray<long>());

        var top = x.TopK(2, dim: 1);
        Assert.Equal([4.0, 3, 9, 2], top.Values.ToArray<double>());
        Assert.Equal([2L, 0, 1, 2], top.Indices.ToArray<long>());
        var bottom = x.TopK(1, dim: 1, largest: false);
        Assert.Equal([1.0, 1.5], bottom.Values.ToArray<double>());

        Assert.Equal([2L, 1], x.ArgMax(1).ToArray<long>());
        Assert.Equal([1L, 0], x.ArgMin(1).ToArray<long>());
        var (max, at) = x.Max(0);
        Assert.Equal([3.0, 9, 4], max.ToArray<double>());
        Assert.Equal([0L, 1, 0], at.ToArray<long>());
        Assert.Equal(9.0, x.Max().Item());
        Assert.Equal(1.0, x.Min().Item());
    }

    [Fact]
    public void Gather_scatter_and_index_put()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 10.0, 11, 12, 20, 21, 22 }, [2, 3]);
        var idx = torch.Tensor(new long[] { 2, 0, 1, 1 }, [2, 2]);
        Assert.Equal([12.0, 10, 21, 21], x.Gather(1, idx).ToArray<double>());

        var zeros = torch.Zeros([2, 3], DType.Float64);
        var src = torch.Tensor(new[] { 1.0, 2, 3, 4 }, [2, 2]);
        var unique = torch.Tensor(new long[] { 2, 0, 1, 0 }, [2, 2]);
        Assert.Equal([2.0, 0, 1, 4, 3, 0], zeros.Scatter(1, unique, src).ToArray<double>());
        Assert.Equal([2.0, 0, 1, 0, 7, 0], zeros.ScatterAdd(1, idx, src).ToArray<double>());

        var y = x.Clone();
        y.IndexPut_(torch.Tensor(new[] { false, true }), torch.Tensor(new[] { -1.0 }));
        Assert.Equal([10.0, 11, 12, -1, -1, -1], y.ToArray<double>());
        Assert.Equal([10.0, 11, 12, 20, 21, 22], x.ToArray<double>());

        Assert.Equal([20.0, 21, 22, 10, 11, 12], x.Index(torch.Tensor(new[] { 1L, 0 })).ToArray<double>());
        Assert.Equal([11.0, 21], x.IndexSelect(1, torch.Tensor(new[] { 1L })).ToArray<double>());
        Assert.Equal([12.0, 20, 21, 22], x.MaskedSelect(x.Gt(11)).ToArray<double>());
    }

    [Fact]
    public void One_hot_and_where()
    {
        using var scope = torch.NewDisposeScope();
        var oh = torch.Tensor(new[] { 2L, 0 }).OneHot(3);
        Assert.Equal([2L, 3], oh.Shape);
        Assert.Equal([0L, 0, 1, 1, 0, 0], oh.ToArray<long>());
        var w = torch.Where(torch.Tensor(new[] { true, false }), torch.Ones([2]), torch.Zeros([2]));
        Assert.Equal([1f, 0f], w.ToArray<float>());
    }

    [Fact]
    public void Shape_operations_and_views_share_storage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Arange(0, 12, 1, DType.Float64).Reshape(3, 4);
        Assert.Equal([4L, 3], x.Transpose(0, 1).Shape);
        Assert.Equal([4L, 1, 3], x.Permute(1, 0).Unsqueeze(1).Shape);
        Assert.Equal([12L], x.Flatten().Shape);
        Assert.Equal([2.0, 6, 10], x.Select(1, 2).ToArray<double>());
        Assert.Equal([1.0, 3, 5, 7, 9, 11], x.Slice(1, 1, long.MaxValue, 2).Contiguous().ToArray<double>());
        Assert.Equal([3.0, 2, 1, 0], x[0].Flip(0).ToArray<double>());
        Assert.Equal([0.0, 1, 0, 1], torch.Tensor(new[] { 0.0, 1.0 }).Repeat(2).ToArray<double>());

        var pieces = x.Split(3, dim: 1);
        Assert.Equal(2, pieces.Length);
        Assert.Equal([3L, 3], pieces[0].Shape);
        Assert.Equal([3L, 1], pieces[1].Shape);

        // A view writes through to its base; a clone does not.
        var row = x.Select(0, 1);
        row.Fill_(-1);
        Assert.Equal([-1.0, -1, -1, -1], x[1].ToArray<double>());
        var copy = x.Clone();
        copy.Zero_();
        Assert.Equal(-1.0, x[1][0].Item());

        var ones = torch.Ones([3, 3], DType.Float64);
        Assert.Equal([1.0, 0, 0, 1, 1, 0, 1, 1, 1], ones.Tril().ToArray<double>());
        Assert.Equal([0.0, 1, 1, 0, 0, 1, 0, 0, 0], ones.Triu(1).ToArray<double>());
        Assert.Equal([0.0, 1, 3, 6], torch.Arange(0, 4, 1, DType.Float64).CumSum(0).ToArray<double>());
    }

    [Fact]
    public void Cat_and_stack()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new[] { 1.0, 2 });
        var b = torch.Tensor(new[] { 3.0, 4 });
        Assert.Equal([1.0, 2, 3, 4], torch.Cat([a, b]).ToArray<double>());
        var s = torch.Stack([a, b], 1);
        Assert.Equal([2L, 2], s.Shape);
        Assert.Equal([1.0, 3, 2, 4], s.ToArray<double>());
    }

    [Fact]
    public void Reductions_on_known_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal(21.0, x.Sum().Item());
        Assert.Equal([6.0, 15], x.Sum(1).ToArray<double>());
        Assert.Equal([2.5, 3.5, 4.5], x.Mean(0).ToArray<double>());
        Assert.Equal(3.5, x.Var().Item(), 1e-15);
        Assert.Equal([2.0 / 3, 2.0 / 3], x.Var(1, unbiased: false).ToArray<double>(), new DoubleTolerance(1e-15));
        Assert.Equal(Math.Sqrt(91), x.Norm().Item(), 1e-12);
        Assert.Equal([3.0, 6], x.Amax(1).ToArray<double>());
        Assert.Equal([1.0, 2, 3], x.Amin(0).ToArray<double>());
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), x.LogSumExp(1).ToArray<double>()[0], 1e-12);
        Assert.Equal([2L, 1], x.Sum(1, keepDim: true).Shape);
    }

    [Fact]
    public void Conversions_between_dtypes()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.7, -2.2 });
        Assert.Equal([1L, -2], x.To(DType.Int64).ToArray<long>());
        Assert.Equal([1.7f, -2.2f], x.To(DType.Float32).ToArray<float>());
        Assert.Equal([true, true], x.To(DType.Bool).ToArray<bool>());
        var half = x.To(DType.BFloat16);
        Assert.Equal(DType.BFloat16, half.DType);
        Assert.Equal(1.703125, half.To(DType.Float64).ToArray<double>()[0]);
        Assert.Equal(-2L, x.To(DType.Int64)[1].ItemLong());
    }

    [Fact]
    public void Item_and_to_string()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(3.0, torch.Tensor(new[] { 3L }).Item());
        Assert.Equal(1.0, torch.Tensor(new[] { true }).Item());
        Assert.Contains("0.5000", torch.Full([2], 0.5).ToString());
    }

    [Fact]
    public void Set_data_and_copy_replace_values_in_place()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Zeros([2], DType.Float32);
        var alias = p.Alias();
        p.Copy_(torch.Tensor(new[] { 1.0, 2.0 }));            // converts float64 → float32
        Assert.Equal([1f, 2f], alias.ToArray<float>());
        p.SetData(torch.Tensor(new[] { 5.0, 6.0, 7.0 }));
        Assert.Equal(DType.Float64, p.DType);
        Assert.Equal([3L], p.Shape);
    }

    [Fact]
    public void Lerp_and_in_place_arithmetic()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new[] { 0.0, 10.0 });
        a.Lerp_(torch.Tensor(new[] { 10.0, 0.0 }), 0.25);
        Assert.Equal([2.5, 7.5], a.ToArray<double>());
        a.Mul_(2).Add_(torch.Ones([2], DType.Float64), alpha: -1);
        Assert.Equal([4.0, 14.0], a.ToArray<double>());
        a.MaskedFill_(a.Gt(5), 0);
        Assert.Equal([4.0, 0.0], a.ToArray<double>());
    }

    [Fact]
    public void Cdist_gives_euclidean_distances()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new[] { 0.0, 0, 3, 4 }, [2, 2]);
        var b = torch.Tensor(new[] { 0.0, 0 }, [1, 2]);
        Assert.Equal([0.0, 5.0], torch.CDist(a, b).ToArray<double>(), new DoubleTolerance(1e-12));
    }

    [Fact]
    public void Runtime_information()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", torch.Version);
        Assert.True(torch.NumThreads >= 1);
        if (torch.cuda.IsAvailable()) Assert.True(torch.cuda.DeviceCount() > 0);
        else Assert.Equal(0, torch.cuda.DeviceCount());
    }
}
