namespace Torch.Tests;

/// <summary>
/// Every differentiable operation of the binding: autograd's gradient (through the shim) must equal
/// central finite differences in float64. One theory row per operation; inputs avoid kinks and poles.
/// </summary>
public class GradientTests
{
    /// <summary>An operation under test: how to draw its differentiable inputs, and the function of them.</summary>
    public sealed record Case(Func<TestData, Tensor[]> Inputs, Func<Tensor[], Tensor> F);

    static Tensor Longs(long[] values, params long[] shape) => TestData.Long(values, shape);
    static Tensor Bools(bool[] values, params long[] shape) => TestData.Bool(values, shape);

    static readonly List<(string Name, Case Case)> Cases =
    [
        // ---- arithmetic -----------------------------------------------------------------------
        ("add", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => x[0] + x[1])),
        ("add broadcast with alpha", new(d => [d.Randn(3, 4), d.Randn(4)], x => x[0].Add(x[1], 2.5))),
        ("sub", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => x[0] - x[1])),
        ("sub broadcast with alpha", new(d => [d.Randn(3, 4), d.Randn(1, 4)], x => x[0].Sub(x[1], 0.5))),
        ("mul broadcast", new(d => [d.Randn(3, 4), d.Randn(3, 1)], x => x[0] * x[1])),
        ("div", new(d => [d.Randn(3, 4), d.Positive(3, 4)], x => x[0] / x[1])),
        ("pow tensor exponent", new(d => [d.Positive(3, 4), d.Randn(3, 4)], x => x[0].Pow(x[1]))),
        ("pow integer scalar", new(d => [d.Randn(3, 4)], x => x[0].Pow(3))),
        ("pow fractional scalar", new(d => [d.Positive(3, 4)], x => x[0].Pow(0.5))),
        ("add scalar", new(d => [d.Randn(3, 4)], x => (x[0] + 1.5) * x[0])),
        ("sub scalar", new(d => [d.Randn(3, 4)], x => (x[0] - 1.5) * x[0])),
        ("scalar minus tensor", new(d => [d.Randn(3, 4)], x => (2.0 - x[0]) * x[0])),
        ("mul scalar both sides", new(d => [d.Randn(3, 4)], x => (x[0] * -3.0) + (0.5 * x[0]).Exp())),
        ("div scalar", new(d => [d.Randn(3, 4)], x => (x[0] / 4.0).Exp())),
        ("neg", new(d => [d.Randn(3, 4)], x => (-x[0]).Exp())),
        ("maximum", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => x[0].Maximum(x[1]))),
        ("minimum", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => x[0].Minimum(x[1]))),

        // ---- elementwise functions ----------------------------------------------------------------
        ("exp", new(d => [d.Randn(3, 4)], x => x[0].Exp())),
        ("expm1", new(d => [d.Randn(3, 4)], x => x[0].Expm1())),
        ("log", new(d => [d.Positive(3, 4)], x => x[0].Log())),
        ("log1p", new(d => [d.Uniform(-0.5, 2, 3, 4)], x => x[0].Log1p())),
        ("sqrt", new(d => [d.Positive(3, 4)], x => x[0].Sqrt())),
        ("rsqrt", new(d => [d.Positive(3, 4)], x => x[0].Rsqrt())),
        ("tanh", new(d => [d.Randn(3, 4)], x => x[0].Tanh())),
        ("sigmoid", new(d => [d.Randn(3, 4)], x => x[0].Sigmoid())),
        ("logsigmoid", new(d => [d.Randn(3, 4)], x => F.LogSigmoid(x[0]))),
        ("softplus", new(d => [d.Randn(3, 4)], x => F.Softplus(x[0]))),
        ("relu", new(d => [d.AwayFromZero(3, 4)], x => x[0].Relu())),
        ("gelu", new(d => [d.Randn(3, 4)], x => x[0].Gelu())),
        ("gelu tanh approximation", new(d => [d.Randn(3, 4)], x => F.GeluTanh(x[0]))),
        ("silu", new(d => [d.Randn(3, 4)], x => x[0].Silu())),
        ("sin", new(d => [d.Randn(3, 4)], x => x[0].Sin())),
        ("cos", new(d => [d.Randn(3, 4)], x => x[0].Cos())),
        ("erf", new(d => [d.Randn(3, 4)], x => x[0].Erf())),
        ("abs away from zero", new(d => [d.AwayFromZero(3, 4)], x => x[0].Abs())),
        ("clamp both bounds away from the edges", new(d => [d.Distinct(3, 4)], x => x[0].Clamp(-0.25, 0.35))),
        ("clamp min only", new(d => [d.Distinct(3, 4)], x => x[0].Clamp(min: -0.25))),
        ("clamp max only", new(d => [d.Distinct(3, 4)], x => x[0].Clamp(max: 0.15))),

        // ---- softmax family ----------------------------------------------------------------------
        ("softmax last dim", new(d => [d.Randn(3, 5)], x => x[0].Softmax(-1))),
        ("softmax first dim", new(d => [d.Randn(3, 5)], x => F.Softmax(x[0], 0))),
        ("log_softmax", new(d => [d.Randn(3, 5)], x => x[0].LogSoftmax(1))),
        ("logsumexp keepdim", new(d => [d.Randn(3, 5)], x => x[0].LogSumExp(1, keepDim: true))),
        ("logsumexp", new(d => [d.Randn(3, 5)], x => x[0].LogSumExp(0))),

        // ---- reductions ----------------------------------------------------------------------------
        ("sum all", new(d => [d.Randn(3, 4)], x => x[0].Sum() * x[0].Sum())),
        ("sum dim", new(d => [d.Randn(3, 4)], x => x[0].Sum(1))),
        ("sum dims keepdim", new(d => [d.Randn(2, 3, 4)], x => x[0].Sum([0, 2], keepDim: true))),
        ("mean all", new(d => [d.Randn(3, 4)], x => x[0].Mean().Exp())),
        ("mean dim", new(d => [d.Randn(3, 4)], x => x[0].Mean(0))),
        ("mean dims", new(d => [d.Randn(2, 3, 4)], x => x[0].Mean([1, 2]))),
        ("var unbiased all", new(d => [d.Randn(3, 4)], x => x[0].Var())),
        ("var biased dim keepdim", new(d => [d.Randn(3, 4)], x => x[0].Var(1, unbiased: false, keepDim: true))),
        ("norm 2 all", new(d => [d.Randn(3, 4)], x => x[0].Norm())),
        ("norm 3 dim", new(d => [d.Randn(3, 4)], x => x[0].Norm(1, p: 3))),
        ("amax dim", new(d => [d.Distinct(3, 4)], x => x[0].Amax(1))),
        ("amin dim keepdim", new(d => [d.Distinct(3, 4)], x => x[0].Amin(0, keepDim: true))),
        ("max all", new(d => [d.Distinct(3, 4)], x => x[0].Max())),
        ("min all", new(d => [d.Distinct(3, 4)], x => x[0].Min())),
        ("max dim values", new(d => [d.Distinct(3, 4)], x => x[0].Max(1).Values)),
        ("topk values", new(d => [d.Distinct(3, 5)], x => x[0].TopK(2).Values)),
        ("sort values descending", new(d => [d.Distinct(3, 5)], x => x[0].Sort(1, descending: true).Values)),
        ("cumsum dim 1", new(d => [d.Randn(3, 4)], x => x[0].CumSum(1))),
        ("cumsum dim 0", new(d => [d.Randn(3, 4)], x => x[0].CumSum(0).Exp())),

        // ---- linear algebra ------------------------------------------------------------------------
        ("matmul 2d", new(d => [d.Randn(3, 4), d.Randn(4, 5)], x => x[0].MatMul(x[1]))),
        ("matmul batched broadcast", new(d => [d.Randn(2, 3, 4), d.Randn(4, 5)], x => x[0].MatMul(x[1]))),
        ("matmul vector matrix", new(d => [d.Randn(4), d.Randn(4, 5)], x => x[0].MatMul(x[1]))),
        ("bmm", new(d => [d.Randn(2, 3, 4), d.Randn(2, 4, 5)], x => x[0].Bmm(x[1]))),
        ("outer", new(d => [d.Randn(3), d.Randn(4)], x => x[0].Outer(x[1]))),
        ("cdist", new(d => [d.Randn(3, 4), d.Randn(5, 4)], x => torch.CDist(x[0], x[1]))),

        // ---- neural-network functions ------------------------------------------------------------------
        ("linear with bias", new(d => [d.Randn(2, 3, 4), d.Randn(5, 4), d.Randn(5)], x => F.Linear(x[0], x[1], x[2]))),
        ("linear without bias", new(d => [d.Randn(3, 4), d.Randn(5, 4)], x => F.Linear(x[0], x[1]))),
        ("layer_norm affine", new(d => [d.Randn(2, 3, 6), d.Randn(6), d.Randn(6)], x => F.LayerNorm(x[0], [6], x[1], x[2]))),
        ("layer_norm plain over two dims", new(d => [d.Randn(2, 3, 4)], x => F.LayerNorm(x[0], [3, 4]))),
        ("embedding weight", new(d => [d.Randn(6, 3)], x => F.Embedding(Longs([0, 2, 2, 5, 1, 0], 2, 3), x[0]))),
        ("dropout in eval mode is the identity", new(d => [d.Randn(3, 4)], x => F.Dropout(x[0], 0.5, training: false) * x[0])),

        // ---- losses --------------------------------------------------------------------------------------
        ("cross_entropy", new(d => [d.Randn(4, 5)], x => F.CrossEntropy(x[0], Longs([1, 0, 4, 2])))),
        ("cross_entropy ignore_index and label smoothing", new(d => [d.Randn(5, 4)],
            x => F.CrossEntropy(x[0], Longs([1, -100, 3, 0, -100]), labelSmoothing: 0.2))),
        ("cross_entropy custom ignore_index sum", new(d => [d.Randn(4, 5)],
            x => F.CrossEntropy(x[0], Longs([1, 0, 4, 0]), ignoreIndex: 0, reduction: Reduction.Sum))),
        ("cross_entropy per element with class weights", new(d => [d.Randn(4, 3)],
            x => F.CrossEntropy(x[0], Longs([1, 0, 2, 2]), reduction: Reduction.None,
                weight: torch.Tensor(new[] { 0.5, 2.0, 1.5 })))),
        ("cross_entropy sequence [N, C, L]", new(d => [d.Randn(2, 4, 3)],
            x => F.CrossEntropy(x[0], Longs([0, 3, -100, 2, 1, 1], 2, 3), labelSmoothing: 0.1))),
        ("nll_loss ignore_index", new(d => [d.Randn(4, 5)], x => F.NllLoss(x[0].LogSoftmax(1), Longs([1, 3, -100, 0])))),
        ("nll_loss sum", new(d => [d.Randn(4, 5)], x => F.NllLoss(x[0], Longs([1, 3, 2, 0]), reduction: Reduction.Sum))),
        ("mse_loss", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => F.MseLoss(x[0], x[1]))),
        ("mse_loss none", new(d => [d.Randn(3, 4), d.Randn(3, 4)], x => F.MseLoss(x[0], x[1], Reduction.None))),
        ("bce_with_logits", new(d => [d.Randn(3, 4)], x => F.BinaryCrossEntropyWithLogits(x[0],
            torch.Tensor(new[] { 0, 1, 0.3, 1, 0, 0.5, 1, 1, 0, 0.9, 0.1, 0 }, [3, 4])))),

        // ---- attention ----------------------------------------------------------------------------------
        ("attention", new(d => [d.Randn(2, 2, 3, 4), d.Randn(2, 2, 5, 4), d.Randn(2, 2, 5, 4)],
            x => F.ScaledDotProductAttention(x[0], x[1], x[2]))),
        ("attention with key padding mask", new(d => [d.Randn(2, 2, 3, 4), d.Randn(2, 2, 5, 4), d.Randn(2, 2, 5, 4)],
            x => F.ScaledDotProductAttention(x[0], x[1], x[2],
                Bools([true, true, true, true, true, true, true, false, false, false], 2, 1, 1, 5)))),
        ("attention causal", new(d => [d.Randn(2, 2, 4, 3), d.Randn(2, 2, 4, 3), d.Randn(2, 2, 4, 3)],
            x => F.ScaledDotProductAttention(x[0], x[1], x[2], causal: true))),
        ("attention causal with padding", new(d => [d.Randn(2, 1, 4, 3), d.Randn(2, 1, 4, 3), d.Randn(2, 1, 4, 3)],
            x => F.ScaledDotProductAttention(x[0], x[1], x[2],
                Bools([true, true, true, true, true, true, false, false], 2, 1, 1, 4), causal: true))),

        // ---- indexing --------------------------------------------------------------------------------------
        ("gather", new(d => [d.Randn(3, 4)], x => x[0].Gather(1, Longs([0, 3, 1, 1, 2, 0], 3, 2)))),
        ("index_select with repeats", new(d => [d.Randn(4, 3)], x => x[0].IndexSelect(0, Longs([3, 0, 3])))),
        ("index long with repeats", new(d => [d.Randn(4, 3)], x => x[0].Index(Longs([1, 1, 2])))),
        ("index bool mask", new(d => [d.Randn(4, 3)], x => x[0].Index(Bools([true, false, true, true])))),
        ("masked_select", new(d => [d.Randn(2, 3)], x => x[0].MaskedSelect(Bools([true, false, true, false, true, true], 2, 3)))),
        ("masked_fill", new(d => [d.Randn(2, 3)], x => x[0].MaskedFill(Bools([true, false, true, false, false, true], 2, 3), 7.0) * x[0])),
        ("where", new(d => [d.Randn(2, 3), d.Randn(2, 3)],
            x => torch.Where(Bools([true, false, true, false, false, true], 2, 3), x[0], x[1]))),
        ("scatter into self and from source", new(d => [d.Randn(3, 4), d.Randn(3, 2)],
            x => x[0].Scatter(1, Longs([0, 2, 1, 3, 3, 0], 3, 2), x[1]))),
        ("scatter_add", new(d => [d.Randn(3, 4), d.Randn(3, 2)],
            x => x[0].ScatterAdd(1, Longs([0, 0, 1, 3, 3, 3], 3, 2), x[1]))),

        // ---- combining and splitting ----------------------------------------------------------------
        ("cat", new(d => [d.Randn(2, 3), d.Randn(1, 3), d.Randn(2, 3)], x => torch.Cat([x[0], x[1], x[2]]))),
        ("cat dim 1", new(d => [d.Randn(2, 3), d.Randn(2, 1)], x => torch.Cat([x[0], x[1]], 1))),
        ("stack", new(d => [d.Randn(2, 3), d.Randn(2, 3)], x => torch.Stack([x[0], x[1]], 1))),
        ("split", new(d => [d.Randn(2, 5)], x =>
        {
            var p = x[0].Split(2, 1);
            return torch.Cat([p[0] * 2.0, p[1].Exp(), p[2].Sin()], 1);
        })),

        // ---- views and shapes ------------------------------------------------------------------------
        ("slice with step", new(d => [d.Randn(4, 5)], x => x[0].Slice(1, 1, 5, 2))),
        ("slice to the end", new(d => [d.Randn(4, 5)], x => x[0].Slice(0, 1))),
        ("narrow", new(d => [d.Randn(4, 5)], x => x[0].Narrow(1, 2, 2))),
        ("select", new(d => [d.Randn(4, 5)], x => x[0].Select(1, 3))),
        ("row indexer", new(d => [d.Randn(4, 5)], x => x[0][2])),
        ("reshape", new(d => [d.Randn(4, 6)], x => x[0].Reshape(3, -1, 2).Exp())),
        ("view", new(d => [d.Randn(4, 6)], x => x[0].View(2, 12).Softmax(1))),
        ("permute", new(d => [d.Randn(2, 3, 4)], x => x[0].Permute(2, 0, 1).Contiguous().View(4, 6).Softmax(1))),
        ("transpose", new(d => [d.Randn(3, 4)], x => x[0].Transpose(0, 1).MatMul(x[0]))),
        ("expand", new(d => [d.Randn(3, 1)], x => x[0].Expand(3, 4).CumSum(1))),
        ("repeat", new(d => [d.Randn(2, 3)], x => x[0].Repeat(2, 2).CumSum(1))),
        ("unsqueeze squeeze", new(d => [d.Randn(3, 4)], x => x[0].Unsqueeze(1).Softmax(2).Squeeze(1))),
        ("flatten", new(d => [d.Randn(2, 3, 4)], x => x[0].Flatten(1).Softmax(1))),
        ("flip", new(d => [d.Randn(3, 4)], x => x[0].Flip(1).CumSum(1))),
        ("tril", new(d => [d.Randn(4, 4)], x => x[0].Tril())),
        ("triu offset", new(d => [d.Randn(4, 4)], x => x[0].Triu(1))),
        ("clone and alias", new(d => [d.Randn(3, 4)], x => x[0].Clone() * x[0].Alias())),
        ("to same dtype", new(d => [d.Randn(3, 4)], x => x[0].To(DType.Float64) * x[0])),
    ];

    public static TheoryData<string> OpNames()
    {
        var names = new TheoryData<string>();
        foreach (var (name, _) in Cases) names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void Op_gradient_matches_finite_differences(string op)
    {
        int index = Cases.FindIndex(c => c.Name == op);
        var c = Cases[index].Case;
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(1000 + (ulong)index);
        GradCheck.AssertGradientsMatch(c.F, c.Inputs(data));
    }

    [Fact]
    public void Op_names_are_unique()
    {
        var duplicates = Cases.GroupBy(c => c.Name).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Checker_detects_a_wrong_gradient()
    {
        // f(x) = detach(x)·x: autograd sees x, the true derivative is 2x. The checker must object.
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(7);
        var x = data.Randn(3);
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(
            () => GradCheck.AssertGradientsMatch(xs => xs[0].Detach() * xs[0], x));
        Assert.Contains("differ from finite differences", failure.Message);
    }

    [Fact]
    public void Checker_rejects_float32_inputs()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([3]);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradCheck.AssertGradientsMatch(xs => xs[0].Exp(), x));
    }

    [Fact]
    public void Embedding_padding_row_gets_no_gradient_while_other_rows_do()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(11);
        var weight = data.Randn(5, 3).RequiresGrad_();
        var ids = Longs([0, 2, 2, 4], 2, 2);
        F.Embedding(ids, weight, paddingIdx: 2).Sum().Backward();
        double[] g = weight.Grad!.ToArray<double>();
        // Row 0 and row 4 appear once (gradient 1 each), row 2 is padding, rows 1 and 3 unused.
        double[] expected = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
        Assert.Equal(expected, g);
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls_until_cleared()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2.0, 3.0 }, requiresGrad: true);
        (x * x).Sum().Backward();
        (x * 3.0).Sum().Backward();
        Assert.Equal(new[] { 5.0, 7.0, 9.0 }, x.Grad!.ToArray<double>());
        x.ClearGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Backward_with_an_explicit_output_gradient_and_retained_graph()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, -2.0 }, requiresGrad: true);
        var y = x * x; // dy/dx = 2x
        y.Backward(torch.Tensor(new[] { 10.0, 1.0 }), retainGraph: true);
        Assert.Equal(new[] { 20.0, -4.0 }, x.Grad!.ToArray<double>());
        y.Backward(torch.Tensor(new[] { 1.0, 1.0 }));
        Assert.Equal(new[] { 22.0, -8.0 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2.0 }, requiresGrad: true);
        var d = x.Detach();
        Assert.False(d.RequiresGrad);
        (d * x).Sum().Backward();
        Assert.Equal(new[] { 1.0, 2.0 }, x.Grad!.ToArray<double>());
    }
}
