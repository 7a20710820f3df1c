using TextDiffusion.Models;
using TextDiffusion.Quantization;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Tests.Quantization;

public class LoRATests
{
    [Fact]
    public void WithBZeroTheAdapterEqualsTheFrozenLayer()
    {
        using var scope = torch.NewDisposeScope();
        using var inner = new Linear(12, 7);
        var x = torch.Randn([3, 12]);
        var expected = inner.Forward(x).ToArray<float>();
        using var lora = new LoRALinear(inner, rank: 4, alpha: 8);
        Assert.Equal(expected, lora.Forward(x).ToArray<float>());
        Assert.False(lora.Weight.RequiresGrad);
        Assert.Equal(["bias", "lora_a", "lora_b"], lora.NamedParameters().Where(p => p.Parameter.RequiresGrad).Select(p => p.Name));
    }

    [Fact]
    public void MergingReproducesTheUnmergedOutput()
    {
        using var scope = torch.NewDisposeScope();
        using var lora = new LoRALinear(new Linear(10, 6), rank: 3, alpha: 6);
        using (torch.NoGrad()) lora.B.Normal_(0, 0.5); // as after fine-tuning
        var x = torch.Randn([5, 10]);
        using var merged = lora.Merge();
        Assert.True((lora.Forward(x) - merged.Forward(x)).Abs().Max().Item() < 1e-5);
    }

    [Fact]
    public void LoRAFreezesOnlyTheQueryAndValueWeightsAsTheReference()
    {
        // loralib/layers.py Linear: only self.weight.requires_grad = False; no mark_only_lora_as_trainable in the reference.
        var config = new DiffusionLMConfig(VocabSize: 704, ModelDim: 128, Layers: 3, FeedForwardDim: 512);
        using var model = new DiffusionLM(config);
        long all = model.ParameterCount();
        long frozen = model.Denoiser.Layers.Sum(l => l.Attention.Q.Weight.NumEl + l.Attention.V.Weight.NumEl);
        var adapters = QeCdlm.AddLoRA(model.Denoiser, rank: 8, alpha: 16);
        Assert.Equal(6, adapters.Count);
        long adapterWeights = adapters.Sum(a => a.A.NumEl + a.B.NumEl);
        Assert.Equal(all - frozen + adapterWeights, model.ParameterCount(trainableOnly: true));
        Assert.All(adapters, a => Assert.True(a.Bias!.RequiresGrad));
    }

    [Fact]
    public void QuantisedProjectionsTrainThroughTheirStraightThroughEstimatorUnderLoRA()
    {
        using var scope = torch.NewDisposeScope();
        var config = new DiffusionLMConfig(VocabSize: 30, SequenceLength: 8, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, DiffusionSteps: 10);
        using var model = new DiffusionLM(config);
        var swapped = QeCdlm.QuantizeProjections(model.Denoiser, new FixedPointQuantizer(4, 4));
        var adapters = QeCdlm.AddLoRA(model.Denoiser);
        using var gen = new Generator(1);
        model.Loss(torch.RandInt(0, 30, [2, 8], generator: gen), gen).Loss.Backward();
        Assert.All(swapped, q => Assert.True(q.Weight.Grad is { } g && g.Abs().Sum().Item() > 0, "a quantised projection gets no gradient"));
        Assert.All(adapters, a => Assert.Null(a.Weight.Grad));
    }

    [Fact]
    public void QuantisedProjectionsKeepTheStateDictNamesAndUseTheGrid()
    {
        using var scope = torch.NewDisposeScope();
        var config = new DiffusionLMConfig(VocabSize: 30, SequenceLength: 8, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, DiffusionSteps: 10);
        using var model = new DiffusionLM(config);
        var names = model.StateDict().Keys.ToList();
        var swapped = QeCdlm.QuantizeProjections(model.Denoiser, new TernaryQuantizer());
        Assert.Equal(6, swapped.Count);
        Assert.Equal(names, model.StateDict().Keys.ToList());
        Assert.All(swapped, q =>
        {
            var values = q.QuantizedWeight().Abs().ToArray<float>();
            int columns = (int)q.Weight.Shape[1];
            Assert.All(values.Chunk(columns), row => Assert.True(row.Distinct().Count() <= 2)); // 0 and α_r per row
        });
        using var gen = new Generator(1);
        model.Loss(torch.RandInt(0, 30, [2, 8], generator: gen), gen).Loss.Backward();
        Assert.All(swapped, q => Assert.NotNull(q.Weight.Grad)); // the float weights keep training through the STE
    }
}
