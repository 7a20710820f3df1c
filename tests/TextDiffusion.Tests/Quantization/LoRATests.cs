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
        Assert.Equal(["lora_a", "lora_b"], lora.NamedParameters().Where(p => p.Parameter.RequiresGrad).Select(p => p.Name));
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
    public void LoRAOnQueryAndValueTrainsUnderTenPercentOfTheWeights()
    {
        var config = new DiffusionLMConfig(VocabSize: 704, ModelDim: 128, Layers: 3, FeedForwardDim: 512);
        using var model = new DiffusionLM(config);
        long all = model.ParameterCount();
        var adapters = QeCdlm.AddLoRA(model, model.Denoiser, rank: 8, alpha: 16);
        Assert.Equal(6, adapters.Count);
        long trainable = model.ParameterCount(trainableOnly: true);
        Assert.Equal(adapters.Sum(a => a.A.NumEl + a.B.NumEl), trainable);
        Assert.True(trainable < 0.10 * all, $"{trainable} of {all} weights trainable");
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
        Assert.All(swapped, q => Assert.True(q.QuantizedWeight().Abs().ToArray<float>().Distinct().Count() <= 2));
        Assert.All(swapped, q => Assert.Equal((q.Weight.NumEl * 2 + 7) / 8 + 4, q.StorageBytes));
        using var gen = new Generator(1);
        model.Loss(torch.RandInt(0, 30, [2, 8], generator: gen), gen).Loss.Backward();
        Assert.All(swapped, q => Assert.NotNull(q.Weight.Grad)); // the float weights keep training through the STE
    }
}
