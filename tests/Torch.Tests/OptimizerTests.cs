using Torch.Optim;

namespace Torch.Tests;

/// <summary>
/// The optimisers' steps against the published update rules, computed here in C# doubles. The
/// parameter is float64, and its gradient comes from a real backward pass of
/// L(θ) = Σ cᵢθᵢ + ½Σθᵢ², so g = c + θ changes from step to step.
/// </summary>
public sealed class OptimizerTests : IDisposable
{
    static readonly double[] C = [0.5, -1.5, 2.0];
    static readonly double[] Theta0 = [1.0, -2.0, 0.25];
    const double Tol = 1e-12;

    readonly string dir = Path.Combine(Path.GetTempPath(), $"torch-optim-tests-{Guid.NewGuid():N}");

    public OptimizerTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static Tensor NewParameter(double[]? values = null) =>
        DisposeScope.Detach(torch.Tensor(values ?? Theta0, requiresGrad: true));

    static double[] Gradient(double[] theta) => theta.Select((t, i) => C[i] + t).ToArray();

    /// <summary>Backward of L = c·θ + ½‖θ‖², then one optimiser step.</summary>
    static void Step(Optimizer optimizer, Tensor theta)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        var c = torch.Tensor(C);
        var loss = (theta * c).Sum() + (theta * theta).Sum() * 0.5;
        loss.Backward();
        optimizer.Step();
    }

    static void AssertClose(double[] expected, Tensor actual, string what)
    {
        var a = actual.ToArray<double>();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= Tol, $"{what}, element {i}: expected {expected[i]:R}, got {a[i]:R}");
    }

    [Theory]
    [InlineData(0.1, 0.01, false)]
    [InlineData(0.05, 0.0, false)]
    [InlineData(0.1, 0.2, true)]
    public void AdamW_matches_the_decoupled_weight_decay_formula(double lr, double weightDecay, bool amsgrad)
    {
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        using var theta = NewParameter();
        using var opt = new AdamW([theta], lr, b1, b2, eps, weightDecay, amsgrad);
        double[] p = (double[])Theta0.Clone(), m = new double[3], v = new double[3], vMax = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            var g = Gradient(p);
            for (int i = 0; i < 3; i++)
            {
                p[i] *= 1 - lr * weightDecay;                    // decoupled decay, before the Adam update
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vMax[i] = Math.Max(vMax[i], v[i]);
                double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
                double denom = Math.Sqrt(amsgrad ? vMax[i] : v[i]) / Math.Sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
            Step(opt, theta);
            AssertClose(p, theta, $"AdamW after step {t}");
        }
    }

    [Theory]
    [InlineData(0.1, 0.0)]
    [InlineData(0.1, 0.3)]
    public void Adam_matches_the_formula_with_l2_weight_decay(double lr, double weightDecay)
    {
        const double b1 = 0.8, b2 = 0.99, eps = 1e-6;
        using var theta = NewParameter();
        using var opt = new Adam([theta], lr, b1, b2, eps, weightDecay);
        double[] p = (double[])Theta0.Clone(), m = new double[3], v = new double[3];
        for (int t = 1; t <= 3; t++)
        {
            var g = Gradient(p);
            for (int i = 0; i < 3; i++)
            {
                double gi = g[i] + weightDecay * p[i];            // Adam's weight decay is L2 on the gradient
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double bc1 = 1 - Math.Pow(b1, t), bc2 = 1 - Math.Pow(b2, t);
                p[i] -= lr / bc1 * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(bc2) + eps);
            }
            Step(opt, theta);
            AssertClose(p, theta, $"Adam after step {t}");
        }
    }

    [Theory]
    [InlineData(0.5, 0.0, 0.0, 0.0)]
    [InlineData(0.5, 0.1, 0.05, 0.2)]
    public void Adagrad_matches_the_torch_formula(double lr, double lrDecay, double weightDecay, double initialAccumulator)
    {
        const double eps = 1e-10;
        using var theta = NewParameter();
        using var opt = new Adagrad([theta], lr, lrDecay, weightDecay, initialAccumulator, eps);
        double[] p = (double[])Theta0.Clone(), sum = Enumerable.Repeat(initialAccumulator, 3).ToArray();
        for (int t = 1; t <= 3; t++)
        {
            var g = Gradient(p);
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < 3; i++)
            {
                double gi = g[i] + weightDecay * p[i];
                sum[i] += gi * gi;
                p[i] -= clr * gi / (Math.Sqrt(sum[i]) + eps);
            }
            Step(opt, theta);
            AssertClose(p, theta, $"Adagrad after step {t}");
        }
    }

    [Fact]
    public void Setting_the_learning_rate_changes_the_next_step()
    {
        // Adagrad's first step is lr·g/(|g| + eps) ≈ lr·sign(g): the step size reads the lr directly.
        using var theta = NewParameter();
        using var opt = new Adagrad([theta], lr: 0.5);
        opt.LearningRate = 0.125;
        Assert.Equal(0.125, opt.LearningRate);
        Step(opt, theta);
        var g = Gradient(Theta0);
        AssertClose(Theta0.Select((p, i) => p - 0.125 * g[i] / (Math.Abs(g[i]) + 1e-10)).ToArray(), theta, "after one step at lr 0.125");
    }

    [Fact]
    public void Schedule_apply_sets_the_optimiser_learning_rate()
    {
        using var theta = NewParameter();
        using var opt = new AdamW([theta], lr: 1.0);
        double lr = new LinearDecaySchedule(TotalSteps: 100, WarmupSteps: 10).Apply(opt, baseLr: 2e-3, step: 4);
        Assert.Equal(2e-3 * 5 / 10, lr, 1e-18);
        Assert.Equal(lr, opt.LearningRate);
    }

    [Fact]
    public void ZeroGrad_drops_the_gradients()
    {
        using var theta = NewParameter();
        using var opt = new Adam([theta]);
        using (var scope = torch.NewDisposeScope()) (theta * theta).Sum().Backward();
        using (var scope = torch.NewDisposeScope()) Assert.NotNull(theta.Grad);
        opt.ZeroGrad();
        Assert.Null(theta.Grad);
    }

    [Fact]
    public void An_optimiser_without_parameters_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new AdamW([]));
        Assert.Contains("no parameters", error.Message);
    }

    [Theory]
    [InlineData("adamw")]
    [InlineData("adam")]
    [InlineData("adagrad")]
    public void Save_and_load_resume_the_same_trajectory(string kind)
    {
        Optimizer Make(Tensor p) => kind switch
        {
            "adamw" => new AdamW([p], lr: 0.1, weightDecay: 0.1),
            "adam" => new Adam([p], lr: 0.1),
            _ => new Adagrad([p], lr: 0.3),
        };

        using var a = NewParameter();
        using var optA = Make(a);
        for (int i = 0; i < 3; i++) Step(optA, a);
        string path = Path.Combine(dir, $"{kind}.pt");
        optA.Save(path);
        Assert.True(new FileInfo(path).Length > 0);

        // B: same parameter values, a fresh optimiser that loads A's moments and step counts.
        double[] afterThree = a.ToArray<double>();
        using var b = NewParameter(afterThree);
        using var optB = Make(b);
        optB.Load(path);

        // C: same parameter values, a fresh optimiser without the state (to show that the state matters).
        using var c = NewParameter(afterThree);
        using var optC = Make(c);

        for (int i = 0; i < 2; i++)
        {
            Step(optA, a);
            Step(optB, b);
            Step(optC, c);
        }
        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
        Assert.NotEqual(a.ToArray<double>(), c.ToArray<double>());
    }

    [Fact]
    public void A_state_saved_on_a_gpu_resumes_on_the_cpu()
    {
        using var a = NewParameter();
        using var optA = new AdamW([a], lr: 0.1);
        for (int i = 0; i < 3; i++) Step(optA, a);
        string saved = Path.Combine(dir, "cpu.pt"), gpu = Path.Combine(dir, "gpu.pt");
        optA.Save(saved);
        GpuStyle(saved, gpu);   // the same archive with every storage on cuda:0, as a GPU run writes it

        using var b = NewParameter(a.ToArray<double>());
        using var optB = new AdamW([b], lr: 0.1);
        optB.Load(gpu);
        for (int i = 0; i < 2; i++)
        {
            Step(optA, a);
            Step(optB, b);
        }

        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
    }

    [Fact]
    public void A_truncated_optimiser_file_is_an_error_naming_it()
    {
        using var a = NewParameter();
        using var opt = new AdamW([a]);
        Step(opt, a);
        string path = Path.Combine(dir, "truncated.pt");
        opt.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => opt.Load(path));

        Assert.StartsWith($"{path} is truncated or corrupt ({bytes.Length / 2:N0} bytes): ", error.Message);
    }

    /// <summary>
    /// Rewrites a libtorch archive so that its tensors' storages say "cuda:0" instead of "cpu" (one memoised string in
    /// data.pkl), which is what an optimiser state saved on a GPU holds.
    /// </summary>
    static void GpuStyle(string cpuArchive, string gpuArchive)
    {
        using var input = System.IO.Compression.ZipFile.OpenRead(cpuArchive);
        using var output = System.IO.Compression.ZipFile.Open(gpuArchive, System.IO.Compression.ZipArchiveMode.Create);
        int replaced = 0;
        foreach (var entry in input.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            if (entry.FullName.EndsWith("/data.pkl", StringComparison.Ordinal))
            {
                byte[] cpu = [(byte)'X', 3, 0, 0, 0, (byte)'c', (byte)'p', (byte)'u'];   // BINUNICODE "cpu"
                byte[] cuda = [(byte)'X', 6, 0, 0, 0, .. "cuda:0"u8.ToArray()];
                int at = bytes.AsSpan().IndexOf(cpu);
                Assert.True(at >= 0, "data.pkl names no cpu storage");
                bytes = [.. bytes[..at], .. cuda, .. bytes[(at + cpu.Length)..]];
                replaced++;
            }
            using var written = output.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.NoCompression).Open();
            written.Write(bytes);
        }
        Assert.Equal(1, replaced);
    }

    [Fact]
    public void Loading_a_missing_optimiser_file_throws_file_not_found()
    {
        using var theta = NewParameter();
        using var opt = new AdamW([theta]);
        Assert.Throws<FileNotFoundException>(() => opt.Load(Path.Combine(dir, "absent.pt")));
    }

    [Fact]
    public void Loading_optimiser_state_for_a_different_parameter_count_throws_torch_exception()
    {
        using var one = NewParameter();
        using var optOne = new Adam([one]);
        Step(optOne, one);
        string path = Path.Combine(dir, "one.pt");
        optOne.Save(path);

        using var p = NewParameter();
        using var q = NewParameter();
        using var optTwo = new Adam([p, q]);
        var error = Assert.Throws<TorchException>(() => optTwo.Load(path));
        Assert.Contains("different size", error.Message);
    }

    // ---- gradient clipping -----------------------------------------------------------------------------

    [Fact]
    public void Clip_grad_norm_returns_the_global_norm_and_scales_every_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Tensor(new[] { 0.0, 0.0 }, requiresGrad: true);
        var q = torch.Tensor(new[] { 0.0 }, requiresGrad: true);
        // Gradients (3, 4) and (12): global norm 13.
        ((p * torch.Tensor(new[] { 3.0, 4.0 })).Sum() + (q * 12.0).Sum()).Backward();
        double norm = GradClip.ClipGradNorm([p, q], maxNorm: 6.5);
        Assert.Equal(13.0, norm, 1e-12);
        double scale = 6.5 / (13.0 + 1e-6);
        Assert.Equal(new[] { 3 * scale, 4 * scale }, p.Grad!.ToArray<double>(), new DoubleTolerance(1e-12));
        Assert.Equal(new[] { 12 * scale }, q.Grad!.ToArray<double>(), new DoubleTolerance(1e-12));
        double after = Math.Sqrt(p.Grad!.ToArray<double>().Concat(q.Grad!.ToArray<double>()).Sum(g => g * g));
        Assert.Equal(6.5, after, 1e-5);
    }

    [Fact]
    public void Clip_grad_norm_leaves_small_gradients_alone_and_skips_parameters_without_gradients()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Tensor(new[] { 0.0, 0.0 }, requiresGrad: true);
        var unused = torch.Tensor(new[] { 1.0 }, requiresGrad: true);
        (p * torch.Tensor(new[] { 0.3, 0.4 })).Sum().Backward();
        Assert.Equal(0.5, GradClip.ClipGradNorm([p, unused], maxNorm: 1.0), 1e-12);
        Assert.Equal(new[] { 0.3, 0.4 }, p.Grad!.ToArray<double>());
        Assert.Null(unused.Grad);
    }

    [Fact]
    public void Clip_grad_norm_infinity_norm_is_the_largest_magnitude()
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.Tensor(new[] { 0.0, 0.0, 0.0 }, requiresGrad: true);
        (p * torch.Tensor(new[] { 1.0, -5.0, 2.0 })).Sum().Backward();
        Assert.Equal(5.0, GradClip.ClipGradNorm([p], maxNorm: 1.0, normType: double.PositiveInfinity), 1e-12);
        Assert.Equal(new[] { 1 / 5.0, -1.0, 2 / 5.0 }, p.Grad!.ToArray<double>(), new DoubleTolerance(1e-6));
    }

    [Fact]
    public void Optimizer_clip_grad_norm_uses_its_parameters()
    {
        using var theta = NewParameter();
        using var opt = new Adam([theta]);
        using var scope = torch.NewDisposeScope();
        (theta * torch.Tensor(new[] { 6.0, 8.0, 0.0 })).Sum().Backward();
        Assert.Equal(10.0, opt.ClipGradNorm(1.0), 1e-12);
        Assert.Equal(1.0, theta.Grad!.Norm().Item(), 1e-6);
    }

    // ---- EMA ------------------------------------------------------------------------------------------------

    [Fact]
    public void Ema_update_is_decay_times_shadow_plus_one_minus_decay_times_live()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Nn.Linear(2, 1);
        model.To(DType.Float64);
        var w0 = model.Weight.ToArray<double>();
        var b0 = model.Bias!.ToArray<double>();
        using var ema = new ExponentialMovingAverage(model, decay: 0.9);

        double[] w1 = [1.0, -2.0], b1 = [3.0];
        using (torch.NoGrad())
        {
            model.Weight.Copy_(torch.Tensor(w1, [1, 2]));
            model.Bias.Copy_(torch.Tensor(b1));
        }
        ema.Update();
        var expectedW = w0.Select((s, i) => 0.9 * s + 0.1 * w1[i]).ToArray();
        var expectedB = new[] { 0.9 * b0[0] + 0.1 * b1[0] };
        var state = ema.StateDict();
        Assert.Equal(expectedW, state["ema0"].ToArray<double>(), new DoubleTolerance(1e-14));
        Assert.Equal(expectedB, state["ema1"].ToArray<double>(), new DoubleTolerance(1e-14));

        ema.Update(); // a second update with the same live weights
        var expectedW2 = expectedW.Select((s, i) => 0.9 * s + 0.1 * w1[i]).ToArray();
        Assert.Equal(expectedW2, ema.StateDict()["ema0"].ToArray<double>(), new DoubleTolerance(1e-14));

        // The live weights are untouched until CopyTo.
        Assert.Equal(w1, model.Weight.ToArray<double>());
        ema.CopyTo(model);
        Assert.Equal(expectedW2, model.Weight.ToArray<double>(), new DoubleTolerance(1e-14));
        Assert.True(model.Weight.RequiresGrad);
    }

    [Fact]
    public void Ema_state_dict_round_trip()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Nn.Linear(3, 2);
        using var ema = new ExponentialMovingAverage(model, decay: 0.5);
        using var other = new ExponentialMovingAverage(model, decay: 0.5);
        using (torch.NoGrad()) model.Weight.Fill_(1.0);
        ema.Update();
        other.LoadStateDict(ema.StateDict());
        Assert.Equal(ema.StateDict()["ema0"].ToArray<float>(), other.StateDict()["ema0"].ToArray<float>());
    }
}

/// <summary>Element-wise equality within an absolute tolerance, for Assert.Equal on arrays.</summary>
public sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

    public int GetHashCode(double obj) => 0;
}
