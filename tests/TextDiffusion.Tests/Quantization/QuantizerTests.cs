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
    public void TernaryValuesAreOnThreeLevelsPerRowWithTheTwnThreshold()
    {
        using var scope = torch.NewDisposeScope();
        var w = Weights();
        var q = new TernaryQuantizer().Quantize(w);
        var wv = w.ToArray<double>();
        var qv = q.ToArray<double>();
        for (int r = 0; r < 64; r++)
        {
            var row = qv.AsSpan(r * 32, 32).ToArray();
            var levels = row.Select(v => Math.Round(v, 12)).Distinct().Order().ToArray();
            Assert.Equal(3, levels.Length);
            Assert.Equal(0.0, levels[1]);
            Assert.Equal(-levels[0], levels[2], 12);
            double delta = 0.7 * wv.Skip(r * 32).Take(32).Average(Math.Abs);
            for (int j = 0; j < 32; j++) Assert.Equal(Math.Abs(wv[r * 32 + j]) > delta, row[j] != 0);
        }
    }

    [Theory]
    [InlineData(0, 4, 0.9375)]
    [InlineData(0, 8, 1 - 1.0 / 256)]
    [InlineData(4, 0, 8.0)]
    [InlineData(4, 4, 8.9375)]
    [InlineData(8, 0, 128.0)]
    [InlineData(8, 8, 129 - 1.0 / 256)]
    public void FixedPointRoundsToTheNearestPowerOfTwoThenClampsAsTheReference(int integerBits, int fractionBits, double max)
    {
        // quantize.py: to_fixed_point(to_nearest_power_of_two(v), i, f); M = 2^(i−1)·[i≠0] + Σ_{k=1..f} 2^−k.
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new[] { 0.3, -0.05, 0.7, 3.0, -20.0, 0.0, 200.0, 0.0234 });
        double[] powers = [0.25, -0.0625, 0.5, 4, -16, 0, 256, 1.0 / 32];
        var quantizer = new FixedPointQuantizer(integerBits, fractionBits);
        Assert.Equal(max, quantizer.Max);
        Assert.Equal(powers.Select(v => Math.Clamp(v, -max, max)).ToArray(), quantizer.Quantize(w).ToArray<double>());
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(8, 0)]
    public void FixedPointWithoutFractionBitsKeepsKaimingInitialisedWeights(int integerBits, int fractionBits)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var layer = new Torch.Nn.Linear(128, 128);
        var q = new FixedPointQuantizer(integerBits, fractionBits).Quantize(layer.Weight.Detach());
        double nonZero = q.Ne(0).To(DType.Float32).Mean().Item();
        Assert.True(nonZero > 0.99, $"{nonZero:P1} of the weights are non-zero");
        double relativeError = ((q - layer.Weight.Detach()).Abs() / layer.Weight.Detach().Abs()).Max().Item();
        Assert.True(relativeError <= 0.5, $"power-of-two rounding is within a factor √2: relative error {relativeError}");
    }

    [Fact]
    public void TernaryThresholdsAndScalesEachOutputRowOnItsOwn()
    {
        // quantize.py Ternary.forward: delta and alpha are means over dim 1, one per output row.
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new[] { 1.0, -1.0, 0.1, 0.05, 100, -100, 10, 5 }, [2, 4]);
        // row 0: Δ = 0.7·0.5375, kept ±1, α = 1; row 1: Δ = 0.7·53.75, kept ±100, α = 100.
        Assert.Equal([1.0, -1, 0, 0, 100, -100, 0, 0], new TernaryQuantizer().Quantize(w).ToArray<double>());
    }

    [Fact]
    public void BinaryFixesHFromThePretrainedWeightWhenTheLayerIsQuantised()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(4);
        using var inner = new Torch.Nn.Linear(16, 8);
        double h = inner.Weight.Detach().Abs().Mean().Item();
        using var layer = new QuantizedLinear(inner, new BinaryQuantizer());
        Assert.Equal(h, ((BinaryQuantizer)layer.Quantizer).H!.Value, 12);
        using (torch.NoGrad()) layer.Weight.Mul_(5);   // fine-tuning moves the weights; H stays the layer's constant
        Assert.Equal([(float)-h, (float)h], layer.QuantizedWeight().ToArray<float>().Distinct().Order().ToArray());
    }

    [Fact]
    public void IntegerCodesUseAtMostTwoToTheBitsLevels()
    {
        using var scope = torch.NewDisposeScope();
        Assert.True(Distinct(new IntegerQuantizer(4).Quantize(Weights())).Length <= 15); // −7..7
    }

    [Fact]
    public void BinaryStraightThroughPassesTheGradientOnlyWhereTheWeightIsWithinH()
    {
        // quantize.py BNNSign.backward: gi = 1 − [x > 1] − [x < −1], x = w/H.
        using var scope = torch.NewDisposeScope();
        var w = torch.Tensor(new[] { -3.0, -0.9, -0.2, 0.3, 0.95, 2.5 }).RequiresGrad_();
        var binary = new BinaryQuantizer(H: 1);
        var q = binary.StraightThrough(w);
        Assert.Equal([-1.0, -1, -1, 1, 1, 1], q.Detach().ToArray<double>());
        q.Sum().Backward();
        Assert.Equal([0.0, 1, 1, 1, 1, 0], w.Grad!.ToArray<double>());
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("ternary")]
    [InlineData("int8")]
    [InlineData("fixed(0,4)")]
    [InlineData("fixed(4,0)")]
    public void UnclippedSchemesPassTheGradientEverywhere(string scheme)
    {
        // FixedNN.backward and Ternary.backward return dx unchanged.
        using var scope = torch.NewDisposeScope();
        var w = (Weights() * 5).RequiresGrad_();   // beyond fixed (0,4)'s clamp, which the gradient ignores
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
