using TextDiffusion.Models;
using Torch.Nn;

namespace TextDiffusion.Quantization;

/// <summary>
/// QE-CDLM's two changes to a Diffusion-LM denoiser, applied through its swappable projections:
/// quantised input, time and output projections, and LoRA adapters on the attention's query and
/// value projections, whose pretrained weights are frozen.
/// </summary>
public static class QeCdlm
{
    /// <summary>Replaces the six linear layers of the input up-projection, the time MLP and the output down-projection.</summary>
    public static IReadOnlyList<QuantizedLinear> QuantizeProjections(TransformerDenoiser denoiser, Quantizer quantizer)
    {
        var swapped = new List<QuantizedLinear>();
        foreach (var projection in new[] { denoiser.InputUp, denoiser.TimeMlp, denoiser.OutputDown })
        {
            var first = new QuantizedLinear(projection.First, quantizer);
            var second = new QuantizedLinear(projection.Second, quantizer);
            projection.First = first;
            projection.Second = second;
            swapped.Add(first);
            swapped.Add(second);
        }
        return swapped;
    }

    /// <summary>The quantised projections of a denoiser by name ("input_up.first", …), after <see cref="QuantizeProjections"/>.</summary>
    public static IReadOnlyDictionary<string, QuantizedLinear> QuantizedProjections(TransformerDenoiser denoiser)
    {
        var named = new Dictionary<string, QuantizedLinear>();
        foreach (var (name, projection) in new[] { ("input_up", denoiser.InputUp), ("time_mlp", denoiser.TimeMlp), ("output_down", denoiser.OutputDown) })
        {
            if (projection.First is QuantizedLinear first) named[name + ".first"] = first;
            if (projection.Second is QuantizedLinear second) named[name + ".second"] = second;
        }
        return named;
    }

    /// <summary>
    /// Adds LoRA adapters to every layer's Q and V projections and freezes their pretrained weights, as loralib's
    /// <c>Linear</c> in the reference (ChengKang520/Q-Controllable-DLM <c>loralib/layers.py</c>, which sets only
    /// <c>self.weight.requires_grad = False</c>; BERT's query and value are built from it in <c>modeling_bert.py</c>).
    /// The reference never calls <c>mark_only_lora_as_trainable</c>, so everything else, the quantised projections
    /// (through their STE) and the Q/V biases included, keeps training.
    /// </summary>
    public static IReadOnlyList<LoRALinear> AddLoRA(TransformerDenoiser denoiser, int rank = 8, double alpha = 16)
    {
        var adapters = new List<LoRALinear>();
        foreach (var layer in denoiser.Layers)
        {
            var attention = layer.Attention;
            var q = new LoRALinear(attention.Q, rank, alpha);
            var v = new LoRALinear(attention.V, rank, alpha);
            attention.Q = q;
            attention.V = v;
            adapters.Add(q);
            adapters.Add(v);
        }
        return adapters;
    }
}
