using TextDiffusion.Quantization;
using Torch;

namespace TextDiffusion.Tests.Quantization;

public class QuantizerTests
{
    static Tensor Weights(ulong seed = 1)
    {
        using var gen = new Generator(seed);
        return torch.Randn([64, 32], DType.Float64, generator: gen) * 0.7;
    }

    static double[] Distinct(Tensor t) => t.ToArray<double>().Select(v => Math.Round(v, 12)).Distinct().Order().ToArray();

    [Fact]
    public void BinaryValuesAreMinusAlphaAndAlpha()
    {
        using var scope = torch.NewDisposeScope();
        var w = Weights();
        double alpha = w.Abs().Mean().Item();
        Assert.Equal([Math.Round(-alpha, 12), Math.Round(alpha, 12)], Distinct(new BinaryQuantizer().Quantize(w)));
    }

    [Fact]
    public void TernaryValuesAreOnItsThreeLevelsWithTheTwnThreshold()
    {
        using var scope = torch.NewDisposeScope();
        var w = Weights();
        var q = new TernaryQuantizer().Quantize(w);
        var levels = Distinct(q);
        Assert.Equal(3, levels.Length);
        Assert.Equal(0.0, levels[1]);
        Assert.Equal(-levels[0], levels[2], 12);
        double delta = 0.7 * w.Abs().Mean().Item();
        var wv = w.ToArray<double>();
        var qv = q.ToArray<double>();
        for (int i = 0; i < wv.Length; i++) Assert.Equal(Math.Abs(wv[i]) > delta, qv[i] != 0);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(0, 8)]
    [InlineData(4, 0)]
    [InlineData(4, 4)]
    [InlineData(8, 0)]
    [InlineData(8, 8)]
    public void FixedPointValuesLieOnTheGridInsideTheRange(int integerBits, int fractionBits)
    {
        using var scope = torch.NewDisposeScope();
        var w = Weights() * 20; // reaches beyond the small ranges, so clipping is exercised
        double step = Math.Pow(2, -fractionBits), low = -Math.Pow(2, integerBits), high = Math.Pow(2, integerBits) - step;
        foreach (double v in new FixedPointQuantizer(integerBits, fractionBits).Quantize(w).ToArray<double>())
        {
            Assert.InRange(v, low, high);
            Assert.Equal(0, Math.IEEERemainder(v, step), 9);
        }
    }

    [Fact]
    public void IntegerCodesUseAtMostTwoToTheBitsLevels()
    {
        using var scope = torch.NewDisposeScope();
        Assert.True(Distinct(new IntegerQuantizer(4).Quantize(Weights())).Length <= 15); // −7..7
    }

    [Fact]
    public void StraightThroughGradientIsTheIdentityInsideTheClipRangeAndZeroOutside()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new[] { -3.0, -0.9, -0.2, 0.3, 0.95, 2.5 }).RequiresGrad_();
        var q = new FixedPointQuantizer(0, 4).StraightThrough(w); // range [−1, 1 − 1/16]
        Assert.Equal(new FixedPointQuantizer(0, 4).Quantize(w.Detach()).ToArray<double>(), q.Detach().ToArray<double>());
        q.Sum().Backward();
        Assert.Equal([0.0, 1, 1, 1, 0, 0], w.Grad!.ToArray<double>());
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("ternary")]
    [InlineData("int8")]
    public void UnclippedSchemesPassTheGradientEverywhere(string scheme)
    {
        using var scope = torch.NewDisposeScope();
        var w = Weights().RequiresGrad_();
        Quantizer.Parse(scheme).StraightThrough(w).Sum().Backward();
        Assert.Equal(1.0, w.Grad!.Min().Item());
        Assert.Equal(1.0, w.Grad!.Max().Item());
    }

    [Fact]
    public void ParseNamesEveryScheme()
    {
        Assert.Equal(new FixedPointQuantizer(4, 4), Quantizer.Parse("fixed(4,4)"));
        Assert.Equal(9, Quantizer.Parse("fixed(4,4)").Bits);
        Assert.Equal(new IntegerQuantizer(8), Quantizer.Parse("int8"));
        Assert.Throws<ArgumentException>(() => Quantizer.Parse("fixed(4)"));
    }
}
