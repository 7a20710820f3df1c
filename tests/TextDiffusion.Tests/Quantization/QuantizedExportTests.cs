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
        var expected = layer.QuantizedWeight();
        int levels = expected.ToArray<float>().Distinct().Count();
        Assert.True(packed.Levels <= levels, $"{packed.Levels} codebook levels for {levels} distinct values");
        Assert.Equal((240L * packed.Bits + 7) / 8, packed.Codes.Length);
        Assert.Equal(packed.Codes.Length + 4L * packed.Levels * packed.CodebookRows, packed.Bytes);
        var decoded = QuantizedExport.Unpack(packed);
        Assert.Equal(expected.Shape, decoded.Shape);
        Assert.Equal(expected.ToArray<float>(), decoded.ToArray<float>());
    }

    [Theory]
    [InlineData("binary", 1, 1)]
    [InlineData("ternary", 2, 10)]
    public void TheCodesTakeTheSchemesBitsWithAOneOrPerRowCodebook(string scheme, int bits, int codebookRows)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(23);
        using var layer = new QuantizedLinear(new Linear(24, 10), Quantizer.Parse(scheme));
        var packed = QuantizedExport.Pack(layer);
        Assert.Equal(bits, packed.Bits);
        Assert.Equal(codebookRows, packed.CodebookRows);
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
            Assert.Equal(QuantizedExport.Pack(a).Bytes + QuantizedExport.Pack(b).Bytes, bytes);
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
