namespace Torch.Tests;

/// <summary>
/// The shim draws a CPU dropout mask itself (faster than libtorch's element-by-element bernoulli_), promising the same
/// mask bit for bit and the same global generator state afterwards. Each test runs both ways from one seed: libtorch's
/// own composite, x·(bernoulli_(1 − p) / (1 − p)) as Dropout.cpp writes it, against <see cref="F.Dropout"/>.
/// </summary>
[Collection(SerialCollection.Name)]
public class DropoutTests
{
    // libtorch's dropout on the CPU (aten/src/ATen/native/Dropout.cpp, _dropout_impl), with its own bernoulli_.
    static Tensor Reference(Tensor x, double p)
    {
        using var noise = torch.ZerosLike(x).Bernoulli_(1 - p);
        using var scaled = noise / (1 - p);
        return x * scaled;
    }

    [Theory]
    [InlineData(0.1, DType.Float32, new long[] { 64, 17, 512 }, 0)]
    [InlineData(0.1, DType.Float32, new long[] { 64, 17, 512 }, 1)]   // an odd number of 32-bit draws before: pairs straddle the twists
    [InlineData(0.3, DType.Float32, new long[] { 3, 5 }, 0)]
    [InlineData(0.3, DType.Float32, new long[] { 311, 2 }, 623)]
    [InlineData(0.5, DType.Float64, new long[] { 1001 }, 3)]
    [InlineData(0.999, DType.Float32, new long[] { 4000 }, 0)]
    public void Mask_and_generator_state_are_libtorchs_bit_for_bit(double p, DType dtype, long[] shape, int drawsBefore)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(11);
        var x = torch.Randn(shape, dtype) + 3;    // no zeros: a dropped element shows as 0
        torch.ManualSeed(2024);
        if (drawsBefore > 0) torch.Rand([drawsBefore]);   // one 32-bit draw each
        var expected = Reference(x, p);
        var nextExpected = torch.Rand([8], DType.Float64);
        torch.ManualSeed(2024);
        if (drawsBefore > 0) torch.Rand([drawsBefore]);
        var actual = F.Dropout(x, p, training: true);
        var nextActual = torch.Rand([8], DType.Float64);

        Assert.Equal(expected.To(DType.Float64).ToArray<double>(), actual.To(DType.Float64).ToArray<double>());
        Assert.Equal(nextExpected.ToArray<double>(), nextActual.ToArray<double>());
        double kept = actual.Ne(0).To(DType.Float64).Mean().Item();
        Assert.InRange(kept, 1 - p - 0.06, 1 - p + 0.06);   // and it is a dropout mask at all
    }

    [Fact]
    public void Gradient_is_the_mask_over_one_minus_p()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([4, 50], DType.Float64).RequiresGrad_();
        torch.ManualSeed(5);
        var y = F.Dropout(x, 0.25, training: true);
        y.Sum().Backward();
        Assert.Equal(y.ToArray<double>(), x.Grad!.ToArray<double>());   // dL/dx of sum(dropout(1)) is the scaled mask itself
        Assert.Contains(0.0, x.Grad!.ToArray<double>());
        Assert.Contains(1 / 0.75, x.Grad!.ToArray<double>());
    }

    [ShimAttentionFact]
    public void Attention_dropout_draws_the_same_weights_as_libtorch()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        var (q, k, v) = (torch.Randn([2, 2, 5, 4]), torch.Randn([2, 2, 6, 4]), torch.Randn([2, 2, 6, 4]));
        torch.ManualSeed(99);
        var actual = F.ScaledDotProductAttention(q, k, v, dropout: 0.2);
        torch.ManualSeed(99);
        var weights = (q * (1 / Math.Sqrt(4))).MatMul(k.Transpose(-2, -1)).Softmax(-1);
        var expected = Reference(weights, 0.2).MatMul(v);
        Assert.Equal(expected.ToArray<float>(), actual.ToArray<float>());
    }
}

/// <summary>A test of the shim's own attention (libtorch 1.x); libtorch ≥ 2 runs its fused kernel, with its own dropout.</summary>
public sealed class ShimAttentionFactAttribute : FactAttribute
{
    public ShimAttentionFactAttribute()
    {
        if (!torch.Version.StartsWith("1.", StringComparison.Ordinal))
            Skip = $"libtorch {torch.Version} computes attention (and its dropout) in its fused kernel, not in the shim";
    }
}
