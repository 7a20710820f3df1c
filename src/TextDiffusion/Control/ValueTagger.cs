using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// The semantic-content classifier used for control at the <c>cpu</c> scale: a bidirectional transformer tags every
/// position of x_t with the MR value word it expresses (in the control-token vocabulary) or "none" (class 0), and
/// log p(c | x_t) for c = "field : v_1 … v_m" is the probability that the value occupies some span, with a uniform prior
/// over where it starts: log p(c | x_t) = logsumexp_s Σ_k log p(tag_{s+k} = v_k | x_t) − log L.
/// It learns like the POS tagger (each position reads its own latent), where the left-to-right
/// <see cref="ControlTokenClassifier"/> must first learn to find the value by attention and, at this budget, did not
/// (notebook 02's status note has the numbers). Training targets are tag rows [B, L]; control targets are the
/// control-token rows [B, C] of <see cref="ControlLabels.Semantic"/> (field, ':', value, EOS, −1 …).
/// </summary>
public sealed class ValueTagger : LatentClassifier
{
    readonly TransformerDenoiser network;

    /// <param name="network">The denoiser's architecture; its output width is set to the control-token vocabulary.</param>
    /// <param name="separatorId">Id of ':' — the value is the tokens after it, up to EOS.</param>
    public ValueTagger(DenoiserConfig network, int vocabSize, int separatorId)
    {
        SeparatorId = separatorId;
        this.network = Register("network", new TransformerDenoiser(network with { OutputWidth = vocabSize, Causal = false }));
    }

    public int SeparatorId { get; }

    /// <summary>Per-position tag logits [B, L, V].</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target) => network.Forward(x, modelTime);

    /// <summary>The value's length m per row [B]: the tagger scores m tags (one event, but m entries as the reference's per-token loss counts).</summary>
    public override Tensor ScoredCount(Tensor target) =>
        torch.Scoped(() => ValueEntries(target).To(DType.Float32).Sum(1));

    /// <summary>[B, C]: true at the value's entries (after ':', before EOS); intermediates live in the caller's dispose scope.</summary>
    Tensor ValueEntries(Tensor target)
    {
        var separator = target.Eq(SeparatorId);
        return separator.To(DType.Int64).CumSum(1).Gt(0).LogicalAnd(separator.LogicalNot())
            .LogicalAnd(target.Ne(Text.SpecialTokens.Eos)).LogicalAnd(target.Ge(0));
    }

    /// <summary>log p(value occupies some span | x_t) [B] for control-token rows [B, C]; differentiable in <paramref name="x"/>.</summary>
    public override Tensor LogProb(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var logp = Logits(x, modelTime, target).LogSoftmax(-1);                       // [B, L, V]
        long b = logp.Size(0), l = logp.Size(1);
        var value = ValueEntries(target);                                            // [B, C]
        var span = torch.Zeros([b, l], logp.DType, logp.Device);                    // Σ_k log p(tag_{s+k} = v_k), per start s
        var offset = value.To(DType.Int64).CumSum(1) - 1;                          // k for each value entry
        for (long j = 0; j < target.Size(1); j++)
        {
            var isValue = value.Select(1, j);                                        // [B]
            if (isValue.Any().Item() == 0) continue;
            var token = target.Select(1, j).Clamp(min: 0).To(DType.Int64).View(b, 1, 1).Expand(b, l, 1);
            var column = logp.Gather(-1, token).Squeeze(-1);                         // log p(tag_i = c_j) [B, L]
            // shift left by k = offset[:, j]: start s reads position s + k; starts running off the end get −1e4
            var k = offset.Select(1, j).Clamp(min: 0).To(DType.Int64).View(b, 1);
            var at = torch.Arange(l, logp.Device).To(DType.Int64).View(1, l) + k;   // [B, L]
            var shifted = column.Gather(1, at.Clamp(max: l - 1).To(DType.Int64)).MaskedFill(at.Ge(l), -1e4);
            span = span + shifted * isValue.To(logp.DType).View(b, 1);
        }
        return span.LogSumExp(1) - Math.Log(l);
    });
}
