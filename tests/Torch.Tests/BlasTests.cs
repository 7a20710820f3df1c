using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Torch.Tests;

/// <summary>
/// Debian's libtorch links the generic libblas.so.3; if the alternatives system points it at the
/// reference BLAS, every matmul is about 65× slower. OpenBLAS must be the one loaded, or MKL where
/// libtorch is PyTorch's own build (which links MKL in; e.g. the CUDA wheel's libtorch).
/// </summary>
public class BlasTests(ITestOutputHelper output)
{
    [Fact]
    public void Matmul_is_served_by_openblas()
    {
        string libraries = torch.BlasLibraries;
        output.WriteLine($"BLAS libraries loaded: {libraries}");
        Assert.True(libraries.Contains("openblas", StringComparison.OrdinalIgnoreCase) || libraries.StartsWith("MKL", StringComparison.Ordinal),
            $"matmul is served by the reference BLAS ({(libraries.Length == 0 ? "no BLAS library found" : libraries)}), " +
            "which is about 65x slower than OpenBLAS. Install OpenBLAS: `sudo apt-get install libopenblas0-openmp` " +
            "(it registers itself as the libblas.so.3 alternative), then rerun.");
    }

    [Fact]
    public void Matmul_result_is_correct_at_a_blas_sized_problem()
    {
        // Large enough to go through sgemm: checks the BLAS is wired correctly, and reports its speed.
        const int n = 256;
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var a = torch.Randn([n, n], DType.Float64, generator: g);
        var b = torch.Randn([n, n], DType.Float64, generator: g);
        var clock = Stopwatch.StartNew();
        var c = a.MatMul(b);
        double ms = clock.Elapsed.TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n}x{n} float64 matmul: {ms:F2} ms"));

        double[] av = a.ToArray<double>(), bv = b.ToArray<double>(), cv = c.ToArray<double>();
        foreach (var (i, j) in new[] { (0, 0), (17, 200), (255, 3), (128, 255) })
        {
            double expected = 0;
            for (int k = 0; k < n; k++) expected += av[i * n + k] * bv[k * n + j];
            Assert.Equal(expected, cv[i * n + j], 1e-9);
        }
    }
}
