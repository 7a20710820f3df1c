namespace Torch.Tests;

/// <summary>Deterministic float64 inputs for the gradient checks, kept away from the ops' kinks and poles.</summary>
public sealed class TestData(ulong seed) : IDisposable
{
    readonly Generator generator = new(seed);

    public Generator Generator => generator;

    /// <summary>N(0, 1).</summary>
    public Tensor Randn(params long[] shape) => torch.Randn(shape, DType.Float64, generator: generator);

    /// <summary>U(low, high).</summary>
    public Tensor Uniform(double low, double high, params long[] shape) =>
        torch.Empty(shape, DType.Float64).Uniform_(low, high, generator);

    /// <summary>U(0.5, 2): for log, sqrt, rsqrt, division, pow.</summary>
    public Tensor Positive(params long[] shape) => Uniform(0.5, 2, shape);

    /// <summary>±U(0.2, 1.5) with random signs: for abs, relu, clamp's edges, sign changes.</summary>
    public Tensor AwayFromZero(params long[] shape)
    {
        using var magnitude = Uniform(0.2, 1.5, shape);
        using var coin = torch.Rand(shape, DType.Float64, generator: generator);
        using var negative = coin.Lt(0.5);
        using var negated = magnitude.Neg();
        return torch.Where(negative, negated, magnitude);
    }

    /// <summary>Distinct values 0.1 apart in a random order: max/amax/topk have a unique winner.</summary>
    public Tensor Distinct(params long[] shape)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        using var perm = torch.RandPerm(n, generator: generator);
        using var asDouble = perm.To(DType.Float64);
        using var scaled = asDouble * 0.1;
        using var shifted = scaled - 0.05 * n;
        return shifted.Reshape(shape);
    }

    public static Tensor Long(long[] values, params long[] shape) => torch.Tensor(values, shape.Length == 0 ? null : shape);

    public static Tensor Bool(bool[] values, params long[] shape) => torch.Tensor(values, shape.Length == 0 ? null : shape);

    public void Dispose() => generator.Dispose();
}
