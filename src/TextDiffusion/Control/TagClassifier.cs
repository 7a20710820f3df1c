using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// A label per position, read off x_t by a bidirectional transformer: the parts-of-speech
/// classifier (labels: padding, BOS, EOS and the 17 UPOS tags) and the length classifier (padding,
/// BOS, EOS, word). The target is [B, L]; log p(c | x_t) = Σ_i log softmax(f(x_t, t)_i)[c_i].
/// </summary>
public sealed class TagClassifier : LatentClassifier
{
    readonly TransformerDenoiser network;

    /// <param name="network">The denoiser's architecture; its output width is set to <paramref name="classes"/>.</param>
    public TagClassifier(DenoiserConfig network, int classes)
    {
        Classes = classes;
        this.network = Register("network", new TransformerDenoiser(network with { OutputWidth = classes, Causal = false }));
    }

    public int Classes { get; }

    /// <summary>Per-position class logits [B, L, C].</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target) => network.Forward(x, modelTime);
}
