namespace Torch.Tests;

/// <summary>Small cases whose answers are computed by hand (in C#, from the definitions), not by libtorch.</summary>
public class KnownValueTests
{
    const double Tol = 1e-12;

    static void AssertClose(double[] expected, double[] actual, double tol = Tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    static double[] LogSoftmax(double[] row)
    {
        double max = row.Max();
        double lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
        return row.Select(v => v - lse).ToArray();
    }

    [Fact]
    public void Integer_tensors_add_and_subtract_as_integers()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new long[] { 5, 7, 9 });
        var b = torch.Tensor(new long[] { 1, 2, 3 });
        var sum = a + b;
        Assert.Equal(DType.Int64, sum.DType);
        Assert.Equal([6L, 9L, 12L], sum.ToArray<long>());
        Assert.Equal([4L, 5L, 6L], (a - b).ToArray<long>());
        Assert.Equal([3L, 3L, 3L], a.Sub(b, 2).ToArray<long>());
        a.Add_(b);
        Assert.Equal([6L, 9L, 12L], a.ToArray<long>());
    }

    [Fact]
    public void Softmax_of_1_2_3()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Tensor(new[] { 1.0, 2.0, 3.0 }).Softmax(0).ToArray<double>();
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        AssertClose([Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z], p);
        AssertClose([0.09003057317038046, 0.24472847105479767, 0.6652409557748219], p, 1e-15);
    }

    [Fact]
    public void Softmax_is_shift_invariant_and_stable_for_large_logits()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Tensor(new[] { 1001.0, 1002.0, 1003.0 }).Softmax(0).ToArray<double>();
        AssertClose([0.09003057317038046, 0.24472847105479767, 0.6652409557748219], p, 1e-15);
        var logp = torch.Tensor(new[] { 1001.0, 1002.0, 1003.0 }).LogSoftmax(0).ToArray<double>();
        AssertClose(LogSoftmax([1.0, 2.0, 3.0]), logp);
    }

    [Fact]
    public void Cross_entropy_with_label_smoothing_and_ignore_index_matches_the_formula()
    {
        // loss_i = −(1 − ε)·log p_i[y_i] − (ε/C)·Σ_c log p_i[c], averaged over the non-ignored rows.
        double[][] logits = [[2.0, -1.0, 0.5, 0.0], [0.1, 0.2, 0.3, 0.4], [-3.0, 1.0, 2.0, 0.5]];
        long[] target = [2, -100, 0];
        const double eps = 0.1;
        const int c = 4;
        double total = 0;
        int counted = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if (target[i] == -100) continue;
            var logp = LogSoftmax(logits[i]);
            total += -(1 - eps) * logp[target[i]] - eps / c * logp.Sum();
            counted++;
        }
        double expected = total / counted;

        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(logits.SelectMany(r => r).ToArray(), [3, 4]);
        var y = torch.Tensor(target);
        double actual = F.CrossEntropy(x, y, labelSmoothing: eps).Item();
        Assert.Equal(expected, actual, Tol);

        // Without smoothing it is the plain negative log-likelihood of the target.
        double plain = (-LogSoftmax(logits[0])[2] - LogSoftmax(logits[2])[0]) / 2;
        Assert.Equal(plain, F.CrossEntropy(x, y).Item(), Tol);
        Assert.Equal(plain * 2, F.CrossEntropy(x, y, reduction: Reduction.Sum).Item(), Tol);
        Assert.Equal(plain, F.NllLoss(x.LogSoftmax(1), y).Item(), Tol);
    }

    [Fact]
    public void Cross_entropy_per_element_is_zero_at_ignored_positions()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2.0, 3.0, 4.0, 0.0, -1.0 }, [2, 3]);
        var losses = F.CrossEntropy(x, torch.Tensor(new long[] { 7, 1 }), ignoreIndex: 7, reduction: Reduction.None).ToArray<double>();
        Assert.Equal(0.0, losses[0]);
        Assert.Equal(-LogSoftmax([4.0, 0.0, -1.0])[1], losses[1], Tol);
    }

    /// <summary>softmax(q·kᵀ/√d)·v by hand over the allowed (query, key) pairs; row-major [Lq, d], [Lk, d], [Lk, d].</summary>
    static double[] ManualAttention(double[] q, double[] k, double[] v, int lq, int lk, int d, Func<int, int, bool> allowed)
    {
        var output = new double[lq * d];
        for (int i = 0; i < lq; i++)
        {
            var keys = Enumerable.Range(0, lk).Where(j => allowed(i, j)).ToList();
            var scores = keys.Select(j => Enumerable.Range(0, d).Sum(c => q[i * d + c] * k[j * d + c]) / Math.Sqrt(d)).ToList();
            double max = scores.Max();
            var weights = scores.Select(s => Math.Exp(s - max)).ToList();
            double total = weights.Sum();
            for (int c = 0; c < d; c++)
                output[i * d + c] = keys.Select((j, n) => weights[n] / total * v[j * d + c]).Sum();
        }
        return output;
    }

    [Fact]
    public void Attention_with_a_key_mask_equals_a_manual_computation()
    {
        // One batch, one head, Lq = 2, Lk = 3, d = 2; the last key is masked out.
        double[,] q = { { 1.0, 0.5 }, { -0.5, 2.0 } };
        double[,] k = { { 0.3, -1.0 }, { 1.5, 0.2 }, { 9.0, 9.0 } };
        double[,] v = { { 1.0, 2.0 }, { -1.0, 0.5 }, { 100.0, 100.0 } };
        bool[] keep = [true, true, false];
        var expected = ManualAttention(q.Cast<double>().ToArray(), k.Cast<double>().ToArray(), v.Cast<double>().ToArray(), 2, 3, 2,
            (_, j) => keep[j]);

        using var scope = torch.NewDisposeScope();
        var tq = torch.Tensor(q).View(1, 1, 2, 2);
        var tk = torch.Tensor(k).View(1, 1, 3, 2);
        var tv = torch.Tensor(v).View(1, 1, 3, 2);
        var mask = torch.Tensor(keep, [1, 1, 1, 3]);
        AssertClose(expected, F.ScaledDotProductAttention(tq, tk, tv, mask).ToArray<double>());
    }

    [Fact]
    public void Causal_attention_first_query_sees_only_the_first_value_and_a_key_mask_adds_to_it()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(3);
        var q = data.Randn(1, 1, 3, 4);
        var k = data.Randn(1, 1, 3, 4);
        var v = data.Randn(1, 1, 3, 4);
        var y = F.ScaledDotProductAttention(q, k, v, causal: true);
        AssertClose(v.Select(2, 0).ToArray<double>(), y.Select(2, 0).ToArray<double>());
        // And the last query sees everything: same as unmasked attention.
        var full = F.ScaledDotProductAttention(q, k, v);
        AssertClose(full.Select(2, 2).ToArray<double>(), y.Select(2, 2).ToArray<double>());

        // With a key mask too, query i attends to the keys j ≤ i that the mask keeps (by hand).
        bool[] keep = [true, false, true];
        var both = F.ScaledDotProductAttention(q, k, v, torch.Tensor(keep, [1, 1, 1, 3]), causal: true).ToArray<double>();
        AssertClose(ManualAttention(q.ToArray<double>(), k.ToArray<double>(), v.ToArray<double>(), 3, 3, 4, (i, j) => j <= i && keep[j]), both);
    }

    [Fact]
    public void Fully_masked_attention_row_is_uniform_not_nan()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.Ones([1, 1, 1, 2], DType.Float64);
        var k = torch.Tensor(new[] { 1.0, 0.0, 0.0, 5.0 }, [1, 1, 2, 2]);
        var v = torch.Tensor(new[] { 2.0, 4.0, 6.0, 8.0 }, [1, 1, 2, 2]);
        var none = torch.Zeros([1, 1, 1, 2], DType.Bool);
        AssertClose([4.0, 6.0], F.ScaledDotProductAttention(q, k, v, none).ToArray<double>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Masked_attention_works_in_bfloat16(bool causal)
    {
        // Mixed precision: the mask must be applied with a value the low-precision dtype can hold.
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(21);
        var q = data.Randn(1, 2, 3, 8).To(DType.Float32);
        var k = data.Randn(1, 2, 3, 8).To(DType.Float32);
        var v = data.Randn(1, 2, 3, 8).To(DType.Float32);
        var keep = TestData.Bool([true, true, false], 1, 1, 1, 3);
        var reference = F.ScaledDotProductAttention(q, k, v, keep, causal: causal).ToArray<float>();

        var low = F.ScaledDotProductAttention(q.To(DType.BFloat16), k.To(DType.BFloat16), v.To(DType.BFloat16), keep, causal: causal);
        Assert.Equal(DType.BFloat16, low.DType);
        var values = low.To(DType.Float32).ToArray<float>();
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - reference[i]) < 0.05, $"element {i}: bfloat16 {values[i]}, float32 {reference[i]}");
    }

    [Fact]
    public void Layer_norm_equals_manual_mean_and_biased_variance()
    {
        double[] x = [1.0, 2.0, 4.0, 7.0];
        double[] gamma = [1.0, 0.5, 2.0, -1.0];
        double[] beta = [0.0, 1.0, -1.0, 0.25];
        const double eps = 1e-5;
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Average();
        var expected = x.Select((v, i) => (v - mean) / Math.Sqrt(variance + eps) * gamma[i] + beta[i]).ToArray();

        using var scope = torch.NewDisposeScope();
        var y = F.LayerNorm(torch.Tensor(x, [1, 4]), [4], torch.Tensor(gamma), torch.Tensor(beta), eps);
        AssertClose(expected, y.ToArray<double>());

        using var module = new Nn.LayerNorm(4, eps);
        module.To(DType.Float64);
        var plain = x.Select(v => (v - mean) / Math.Sqrt(variance + eps)).ToArray();
        AssertClose(plain, module.Forward(torch.Tensor(x)).ToArray<double>());
    }

    [Fact]
    public void Linear_equals_x_times_w_transposed_plus_b()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { 1.0, 2.0 }, [1, 2]);
        var w = torch.Tensor(new[] { 1.0, 0.0, -1.0, 3.0, 0.5, 0.5 }, [3, 2]);
        var b = torch.Tensor(new[] { 0.0, 1.0, -2.0 });
        AssertClose([1.0, 6.0, -0.5], F.Linear(x, w, b).ToArray<double>());
    }

    [Fact]
    public void Losses_match_their_formulas()
    {
        using var scope = torch.NewDisposeScope();
        double[] z = [-2.0, 0.0, 1.5];
        double[] t = [0.0, 1.0, 0.25];
        double Sigmoid(double s) => 1 / (1 + Math.Exp(-s));
        double bce = z.Select((s, i) => -(t[i] * Math.Log(Sigmoid(s)) + (1 - t[i]) * Math.Log(1 - Sigmoid(s)))).Average();
        Assert.Equal(bce, F.BinaryCrossEntropyWithLogits(torch.Tensor(z), torch.Tensor(t)).Item(), Tol);

        double mse = z.Select((s, i) => (s - t[i]) * (s - t[i])).Average();
        Assert.Equal(mse, F.MseLoss(torch.Tensor(z), torch.Tensor(t)).Item(), Tol);
        Assert.Equal(mse * 3, F.MseLoss(torch.Tensor(z), torch.Tensor(t), Reduction.Sum).Item(), Tol);
    }

    [Fact]
    public void Activations_at_known_points()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new[] { -1.0, 0.0, 1.0 });
        AssertClose([-0.15865525393145707, 0.0, 0.8413447460685429], x.Gelu().ToArray<double>(), 1e-15);
        AssertClose([-1 / (1 + Math.E), 0.0, 1 / (1 + 1 / Math.E)], x.Silu().ToArray<double>());
        AssertClose([Math.Log(1 + 1 / Math.E), Math.Log(2), Math.Log(1 + Math.E)], F.Softplus(x).ToArray<double>());
        AssertClose([-Math.Log(1 + Math.E), -Math.Log(2), -Math.Log(1 + 1 / Math.E)], F.LogSigmoid(x).ToArray<double>());
        AssertClose([0.0, 0.0, 1.0], x.Relu().ToArray<double>());
        double c = Math.Sqrt(2 / Math.PI);
        AssertClose([0.5 * -1 * (1 + Math.Tanh(c * (-1 - 0.044715))), 0, 0.5 * (1 + Math.Tanh(c * 1.044715))],
            F.GeluTanh(x).ToArray<double>());
    }
}
