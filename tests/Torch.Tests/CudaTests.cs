using Torch.Nn;
using Torch.Optim;

namespace Torch.Tests;

/// <summary>
/// The CUDA path against the CPU path, on the same inputs: transfers, kernels, autograd (attention
/// included), the optimiser, seeded generators and checkpoints written on the GPU. The CPU result
/// is the reference; tolerances are float32's, since the GPU sums in a different order.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CudaTests : IDisposable
{
    static readonly Device Gpu = Device.Cuda(0);
    readonly string dir = Path.Combine(Path.GetTempPath(), $"torch-cuda-tests-{Guid.NewGuid():N}");

    public CudaTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.To(DType.Float64, Device.Cpu).ToArray<double>();
        var a = actual.To(DType.Float64, Device.Cpu).ToArray<double>();
        double scale = Math.Max(1.0, e.Max(Math.Abs));
        double worst = e.Zip(a, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst <= tolerance * scale, $"{what}: largest difference {worst:G3} (values up to {scale:G3}, tolerance {tolerance:G3} relative)");
    }

    [CudaFact]
    public void Transfers_are_exact_and_matmul_matches_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(11);
        var x = data.Randn(64, 32).To(DType.Float32);
        var y = data.Randn(32, 16).To(DType.Float32);
        var xg = x.To(Gpu);
        Assert.Equal(DeviceType.Cuda, xg.Device.Type);
        Assert.Equal(x.ToArray<float>(), xg.To(Device.Cpu).ToArray<float>());
        var product = xg.MatMul(y.To(Gpu));
        torch.cuda.Synchronize();
        Assert.Equal(DeviceType.Cuda, product.Device.Type);
        AssertClose(x.MatMul(y), product, 1e-5, "x·y");
    }

    [CudaFact]
    public void Transformer_layer_forward_and_gradients_match_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(12);
        var options = new TransformerLayerOptions(32, 4, 64, Dropout: 0.0);
        using var cpu = new TransformerEncoderLayer(options);
        using var gpu = new TransformerEncoderLayer(options);
        gpu.LoadStateDict(cpu.StateDict());
        gpu.To(Gpu);
        var x = data.Randn(3, 7, 32).To(DType.Float32);

        var outCpu = cpu.Forward(x, causal: true);
        var outGpu = gpu.Forward(x.To(Gpu), causal: true);
        AssertClose(outCpu, outGpu, 1e-4, "forward");

        outCpu.Pow(2).Mean().Backward();
        outGpu.Pow(2).Mean().Backward();
        foreach (var ((name, pc), (_, pg)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
        {
            Assert.Equal(DeviceType.Cuda, pg.Grad!.Device.Type);
            AssertClose(pc.Grad!, pg.Grad!, 1e-4, $"∂L/∂{name}");
        }
    }

    [CudaFact]
    public void AdamW_steps_match_the_cpu()
    {
        using var data = new TestData(13);
        var start = DisposeScope.Detach(data.Randn(50).To(DType.Float32));
        var target = DisposeScope.Detach(data.Randn(50).To(DType.Float32));
        var thetaCpu = DisposeScope.Detach(start.Clone().RequiresGrad_());
        var thetaGpu = DisposeScope.Detach(start.To(Gpu).RequiresGrad_());
        using var optCpu = new AdamW([thetaCpu], lr: 0.05, weightDecay: 0.01);
        using var optGpu = new AdamW([thetaGpu], lr: 0.05, weightDecay: 0.01);
        using var targetGpu = target.To(Gpu);
        for (int step = 0; step < 20; step++)
        {
            using var scope = torch.NewDisposeScope();
            optCpu.ZeroGrad();
            optGpu.ZeroGrad();
            (thetaCpu - target).Pow(2).Sum().Backward();
            (thetaGpu - targetGpu).Pow(2).Sum().Backward();
            optCpu.Step();
            optGpu.Step();
        }
        Assert.Equal(DeviceType.Cuda, thetaGpu.Device.Type);
        AssertClose(thetaCpu, thetaGpu, 1e-5, "θ after 20 AdamW steps");
        foreach (var t in new[] { start, target, thetaCpu, thetaGpu }) t.Dispose();
    }

    [CudaFact]
    public void Seeded_gpu_generators_and_the_global_seed_reproduce()
    {
        using var scope = torch.NewDisposeScope();
        float[] Draw(Generator g) => torch.Randn([1000], device: Gpu, generator: g).ToArray<float>();
        using var a = new Generator(7, Gpu);
        using var b = new Generator(7, Gpu);
        using var c = new Generator(8, Gpu);
        var first = Draw(a);
        Assert.Equal(first, Draw(b));
        Assert.NotEqual(first, Draw(c));
        Assert.NotEqual(first, Draw(a));    // the stream moves on
        a.ManualSeed(7);
        Assert.Equal(first, Draw(a));

        torch.ManualSeed(2024);              // also seeds every GPU's default generator
        var global1 = torch.Randn([1000], device: Gpu).ToArray<float>();
        torch.ManualSeed(2024);
        Assert.Equal(global1, torch.Randn([1000], device: Gpu).ToArray<float>());
        double mean = global1.Average(), variance = global1.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.15, 0.15);   // N(0, 1): about ±5 standard errors of 1000 draws
        Assert.InRange(variance, 0.8, 1.2);
    }

    [CudaFact]
    public void Weights_saved_from_the_gpu_load_on_the_cpu()
    {
        using var scope = torch.NewDisposeScope();
        using var gpu = new Linear(8, 4);
        gpu.To(Gpu);
        string path = Path.Combine(dir, "linear.safetensors");
        gpu.Save(path);
        using var cpu = new Linear(8, 4);
        cpu.Load(path);
        foreach (var ((name, pg), (_, pc)) in gpu.NamedParameters().Zip(cpu.NamedParameters()))
        {
            Assert.Equal(DeviceType.Cpu, pc.Device.Type);
            Assert.True(pg.To(Device.Cpu).ToArray<float>().SequenceEqual(pc.ToArray<float>()), $"{name} differs after the round trip");
        }
    }
}
