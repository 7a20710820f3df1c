using System.Globalization;
using System.Text;

namespace Torch.Tests;

/// <summary>
/// Compares autograd's gradients with central finite differences, in float64.
/// <para>
/// The function under test may return a tensor of any shape; it is reduced to a scalar by a fixed
/// random projection L = Σ w ⊙ f(x), so that every output element matters (a plain sum would make,
/// e.g., softmax's gradient identically zero). For every checked tensor t and element i,
/// ∂L/∂t_i from backward() must equal (L(t_i + ε) − L(t_i − ε)) / 2ε within
/// |a − n| ≤ atol + rtol·max(|a|, |n|).
/// </para>
/// </summary>
public static class GradCheck
{
    public const double Eps = 1e-6;
    public const double Atol = 1e-6;
    public const double Rtol = 1e-6;

    /// <summary>Checks the gradients of every input (each must be a float64 tensor; it is made a leaf requiring grad).</summary>
    public static void AssertGradientsMatch(Func<Tensor[], Tensor> f, params Tensor[] inputs) =>
        AssertGradientsMatch(f, inputs, []);

    /// <summary>
    /// Checks the gradients of every input and every named parameter. Every checked tensor must
    /// receive a gradient, and it must not be identically zero, unless <paramref name="allowZeroGradient"/>.
    /// </summary>
    public static void AssertGradientsMatch(Func<Tensor[], Tensor> f, Tensor[] inputs,
        IEnumerable<(string Name, Tensor Tensor)> parameters, bool allowZeroGradient = false)
    {
        var targets = inputs.Select((t, i) => ($"input[{i}]", t)).Concat(parameters).ToList();
        Assert.NotEmpty(targets);
        foreach (var (name, t) in targets)
        {
            Assert.True(t.DType == DType.Float64, $"{name} is {t.DType}; gradient checks run in float64");
            t.RequiresGrad = true;
            t.ClearGrad();
        }

        using var scope = torch.NewDisposeScope();
        using var projectionSeed = new Generator(20240521);
        Tensor weights;
        using (torch.NoGrad())
        using (var probe = f(inputs))
        {
            Assert.True(probe.DType == DType.Float64, $"the function returned {probe.DType}, expected Float64");
            weights = torch.Randn(probe.Shape, DType.Float64, generator: projectionSeed);
        }

        // Analytic: one backward pass.
        var analytic = new double[targets.Count][];
        using (var step = torch.NewDisposeScope())
        {
            var loss = (f(inputs) * weights).Sum();
            loss.Backward();
            for (int k = 0; k < targets.Count; k++)
            {
                var (name, t) = targets[k];
                var grad = t.Grad;
                Assert.True(grad is not null, $"{name} received no gradient");
                analytic[k] = grad.ToArray<double>();
            }
        }

        // Numeric: two forward passes per element.
        double Evaluate()
        {
            using var s = torch.NewDisposeScope();
            using var noGrad = torch.NoGrad();
            return (f(inputs) * weights).Sum().Item();
        }

        var failures = new List<string>();
        int failureCount = 0;
        for (int k = 0; k < targets.Count; k++)
        {
            var (name, t) = targets[k];
            double[] values = t.ToArray<double>();
            long[] shape = t.Shape;
            try
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double original = values[i];
                    values[i] = original + Eps;
                    Assign(t, values, shape);
                    double plus = Evaluate();
                    values[i] = original - Eps;
                    Assign(t, values, shape);
                    double minus = Evaluate();
                    values[i] = original;
                    double numeric = (plus - minus) / (2 * Eps);
                    double a = analytic[k][i];
                    if (!(Math.Abs(a - numeric) <= Atol + Rtol * Math.Max(Math.Abs(a), Math.Abs(numeric))))
                    {
                        failureCount++;
                        if (failures.Count < 8)
                            failures.Add(string.Create(CultureInfo.InvariantCulture,
                                $"{name}[{i}]: autograd {a:R}, finite difference {numeric:R}, |diff| {Math.Abs(a - numeric):E2}"));
                    }
                }
            }
            finally
            {
                Assign(t, values, shape);
            }

            if (!allowZeroGradient)
                Assert.True(analytic[k].Any(g => g != 0), $"the gradient of {name} is identically zero: the check would prove nothing");
        }

        foreach (var (_, t) in targets) t.ClearGrad();

        if (failureCount > 0)
        {
            var message = new StringBuilder($"{failureCount} gradient element(s) differ from finite differences:");
            foreach (var line in failures) message.Append('\n').Append(line);
            Assert.Fail(message.ToString());
        }
    }

    /// <summary>Checks a module's parameters (all of them, by name) and the given float64 inputs.</summary>
    public static void AssertModuleGradientsMatch(Nn.Module module, Func<Tensor[], Tensor> f, params Tensor[] inputs) =>
        AssertGradientsMatch(f, inputs, module.NamedParameters().ToList());

    static void Assign(Tensor t, double[] values, long[] shape)
    {
        using var noGrad = torch.NoGrad();
        using var source = torch.Tensor(values, shape);
        t.Copy_(source);
    }
}
