using Torch.Nn;

namespace Torch.Tests;

/// <summary>
/// Every module's gradients, to its inputs and to every one of its parameters, against finite
/// differences. Modules are converted to float64 and run in eval mode with dropout 0.
/// </summary>
public class ModuleGradientTests
{
    static T Prepare<T>(T module) where T : Module
    {
        module.To(DType.Float64);
        module.Eval();
        foreach (var (name, p) in module.NamedParameters())
            Assert.True(p.DType == DType.Float64, $"{name} is still {p.DType} after To(Float64)");
        return module;
    }

    static Tensor Padding(params bool[][] rows) =>
        torch.Tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    static TransformerLayerOptions Options(bool normFirst, Activation activation = Activation.Gelu) =>
        new(ModelDim: 8, Heads: 2, FeedForwardDim: 12, Dropout: 0, Activation: activation, NormFirst: normFirst);

    [Fact]
    public void Linear()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(1);
        using var m = Prepare(new Linear(4, 3));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0]), data.Randn(2, 5, 4));
    }

    [Fact]
    public void Linear_without_bias_has_only_a_weight()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(2);
        using var m = Prepare(new Linear(4, 3, bias: false));
        Assert.Equal(["weight"], m.NamedParameters().Select(p => p.Name));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0]), data.Randn(5, 4));
    }

    [Fact]
    public void LayerNorm()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(3);
        using var m = Prepare(new LayerNorm(6));
        // Move γ, β away from their initial 1 and 0 so that their role in the gradient is visible.
        using (torch.NoGrad())
        {
            m.Weight!.Copy_(data.Uniform(0.5, 1.5, 6));
            m.Bias!.Copy_(data.Randn(6));
        }
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0]), data.Randn(2, 3, 6));
    }

    [Fact]
    public void Embedding()
    {
        using var scope = torch.NewDisposeScope();
        using var m = Prepare(new Embedding(7, 4));
        var ids = torch.Tensor(new long[] { 0, 3, 3, 6, 2, 1 }, [2, 3]);
        GradCheck.AssertModuleGradientsMatch(m, _ => m.Forward(ids));
    }

    [Fact]
    public void MultiheadAttention_self_attention()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(4);
        using var m = Prepare(new MultiheadAttention(8, 2));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], x[0], x[0]), data.Randn(2, 3, 8));
    }

    [Fact]
    public void MultiheadAttention_cross_attention_with_key_padding_mask()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(5);
        using var m = Prepare(new MultiheadAttention(8, 2));
        var padding = Padding([false, false, false, false], [false, false, true, true]);
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], x[1], x[2], padding),
            data.Randn(2, 3, 8), data.Randn(2, 4, 8), data.Randn(2, 4, 8));
    }

    [Fact]
    public void MultiheadAttention_causal()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(6);
        using var m = Prepare(new MultiheadAttention(8, 4));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], x[0], x[0], causal: true), data.Randn(2, 4, 8));
    }

    [Theory]
    [InlineData(Activation.Gelu)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Silu)]
    public void FeedForward(Activation activation)
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(7);
        using var m = Prepare(new FeedForward(6, 10, dropout: 0, activation));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0]), data.Randn(2, 3, 6));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TransformerEncoderLayer_with_padding(bool normFirst)
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(8);
        using var m = Prepare(new TransformerEncoderLayer(Options(normFirst)));
        var padding = Padding([false, false, false, false], [false, false, false, true]);
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], padding), data.Randn(2, 4, 8));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TransformerEncoderLayer_causal(bool normFirst)
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(9);
        using var m = Prepare(new TransformerEncoderLayer(Options(normFirst, Activation.Silu)));
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], causal: true), data.Randn(1, 4, 8));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TransformerDecoderLayer_with_memory_padding(bool normFirst)
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(10);
        using var m = Prepare(new TransformerDecoderLayer(Options(normFirst)));
        var memoryPadding = Padding([false, false, false, false, false], [false, false, false, true, true]);
        var padding = Padding([false, false, false], [false, false, true]);
        GradCheck.AssertModuleGradientsMatch(m, x => m.Forward(x[0], x[1], padding, memoryPadding, causal: true),
            data.Randn(2, 3, 8), data.Randn(2, 5, 8));
    }

    [Fact]
    public void ModuleList_of_linears_names_and_differentiates_every_layer()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(12);
        using var m = Prepare(new ModuleList<Linear>([new Linear(3, 4), new Linear(4, 2)]));
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], m.NamedParameters().Select(p => p.Name));
        GradCheck.AssertModuleGradientsMatch(m, x => m[1].Forward(m[0].Forward(x[0]).Tanh()), data.Randn(5, 3));
    }

    [Fact]
    public void Transformer_parameter_names_are_stable()
    {
        using var m = new TransformerDecoderLayer(Options(true));
        var names = m.NamedParameters().Select(p => p.Name).ToList();
        Assert.Contains("self_attn.q.weight", names);
        Assert.Contains("cross_attn.out.bias", names);
        Assert.Contains("ffn.up.weight", names);
        Assert.Contains("ffn.down.bias", names);
        Assert.Contains("norm3.weight", names);
        Assert.Equal(names.Count, names.Distinct().Count());
        // 2 attentions × 4 projections × (64 + 8), FFN 8·12+12 + 12·8+8, 3 norms × 16.
        Assert.Equal(2 * 4 * 72 + (96 + 12 + 96 + 8) + 3 * 16, m.ParameterCount());
    }

    [Fact]
    public void Dropout_module_is_active_only_in_training()
    {
        using var scope = torch.NewDisposeScope();
        using var d = new Dropout(0.5);
        var x = torch.Ones([1000], DType.Float64);
        var train = d.Forward(x).ToArray<double>();
        Assert.All(train, v => Assert.True(v == 0 || v == 2, $"training dropout gave {v}, expected 0 or 1/(1-p) = 2"));
        Assert.InRange(train.Count(v => v == 0), 350, 650);
        d.Eval();
        Assert.Equal(x.ToArray<double>(), d.Forward(x).ToArray<double>());
    }
}
