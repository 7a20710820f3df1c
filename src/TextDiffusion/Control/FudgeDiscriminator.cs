using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// FUDGE's future discriminator (Yang &amp; Klein, 2021): a causal transformer over
/// "BOS c &lt;sep&gt; w_1 … w_i" whose state at w_i gives p(the finished sentence will satisfy c | c, w_≤i).
/// It is trained with binary cross-entropy at every prefix, against the success score of the
/// whole sentence under the control (1 for its own control; the measured score for another's).
/// </summary>
public sealed class FudgeDiscriminator : Module
{
    readonly TransformerLM trunk;
    readonly Linear head;

    public FudgeDiscriminator(TransformerLMConfig config)
    {
        trunk = Register("trunk", new TransformerLM(config));
        head = Register("head", new Linear(config.ModelDim, 1));
    }

    /// <summary>Logits of p(c satisfied | prefix ending at each position): [B, L].</summary>
    public Tensor Logits(Tensor rows) =>
        torch.Scoped(() => head.Forward(trunk.Hidden(rows)).Squeeze(-1)); // w·h_i + b

    /// <summary>
    /// Mean BCE over the positions from the separator to EOS, against each row's success score [B].
    /// <paramref name="promptLengths"/> [B] holds the index of each row's &lt;sep&gt; + 1.
    /// </summary>
    public Tensor Loss(Tensor rows, Tensor promptLengths, Tensor success) => torch.Scoped(() =>
    {
        var logits = Logits(rows);
        var position = torch.Arange(rows.Size(1), rows.Device).Unsqueeze(0);
        var judged = position.Ge(promptLengths.Unsqueeze(1) - 1).LogicalAnd(rows.Ne(SpecialTokens.Pad)).To(logits.DType);
        var target = success.Unsqueeze(1).Expand(logits.Shape);
        var bce = F.BinaryCrossEntropyWithLogits(logits, target, reduction: Reduction.None) * judged;
        return bce.Sum() / judged.Sum();
    });
}
