using TextDiffusion.Quantization;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Tests.Quantization;

[Collection(GlobalRandomStateCollection.Name)]
public class QuantizedExportTests
{
    public static TheoryData<string> Schemes => new() { "binary", "ternary", "fixed(0,4)", "fixed(0,8)", "fixed(4,0)", "fixed(4,4)", "fixed(8,0)", "fixed(8,8)", "int8" };

    [Theory, MemberData(nameof(Schemes))]
    public void PackedCodesDecodeToTheQuantisedWeightsInTheirBitWidth(string scheme)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(21);
        var quantizer = Quantizer.Parse(scheme);
        using var layer = new QuantizedLinear(new Linear(24, 10), quantizer);
        using (torch.NoGrad()) layer.Weight.Copy_(torch.Randn([10, 24]) * 3.0);
        var packed = QuantizedExport.Pack(layer);
        Assert.Equal((240L * quantizer.Bits + 7) / 8, packed.Codes.Length);
        Assert.Equal(packed.Codes.Length + 16, packed.Bytes);
        var decoded = QuantizedExport.Unpack(packed);
        var expected = layer.QuantizedWeight();
        Assert.Equal(expected.Shape, decoded.Shape);
        Assert.True((decoded - expected).Abs().Max().Item() <= 1e-6 * (1 + expected.Abs().Max().Item()), scheme);
    }

    [Fact]
    public void SaveAndLoadRoundTripNamedLayers()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(22);
        using var a = new QuantizedLinear(new Linear(8, 4), new TernaryQuantizer());
        using var b = new QuantizedLinear(new Linear(4, 8), new FixedPointQuantizer(0, 4));
        string path = Path.Combine(Path.GetTempPath(), $"td-export-{Guid.NewGuid():N}.safetensors");
        try
        {
            long bytes = QuantizedExport.Save(path, new Dictionary<string, QuantizedLinear> { ["a"] = a, ["b"] = b });
            Assert.Equal((32 * 2 + 7) / 8 + 16 + (32 * 5 + 7) / 8 + 16, bytes);
            var loaded = QuantizedExport.Load(path);
            Assert.Equal(0, (loaded["a"] - a.QuantizedWeight()).Abs().Max().Item(), 6);
            Assert.Equal(0, (loaded["b"] - b.QuantizedWeight()).Abs().Max().Item(), 6);
            foreach (var t in loaded.Values) t.Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
