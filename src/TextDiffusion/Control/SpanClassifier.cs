using TextDiffusion.Models;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// A constituent label for every span [i, j] of positions (class 0: not a constituent), read off
/// x_t by a bidirectional transformer: h = f(x_t, t), s_ij = W·tanh(A·h_i + B·h_j). It scores the
/// syntax-tree control (every span constrained: its label or "none") and the syntax-span control
/// (one span constrained). The target is [B, L, L] with −1 for free entries (and for i &gt; j):
/// log p(c | x_t) = Σ_{constrained i ≤ j} log softmax(s_ij)[c_ij]. Training balances the classes:
/// a sentence has about 20 constituents among its ~1,100 spans, and the plain mean cross-entropy is
/// minimised by labelling every span "none".
/// </summary>
public sealed class SpanClassifier : LatentClassifier
{
    readonly TransformerDenoiser network;
    readonly Linear left, right, output;

    /// <param name="features">Width of the per-position features the span scorer combines.</param>
    public SpanClassifier(DenoiserConfig network, int labels, int features = 64)
    {
        Labels = labels;
        this.network = Register("network", new TransformerDenoiser(network with { OutputWidth = features, Causal = false }));
        left = Register("left", new Linear(features, features));
        right = Register("right", new Linear(features, features, bias: false));
        output = Register("output", new Linear(features, labels));
    }

    public int Labels { get; }

    /// <summary>½·mean cross-entropy over the constituent spans + ½·mean cross-entropy over the other constrained spans.</summary>
    public override Tensor Loss(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var logits = Logits(x, modelTime, target);
        var flatTarget = target.Reshape(-1);
        var ce = F.CrossEntropy(logits.Reshape(-1, Labels), flatTarget, ignoreIndex: -1, reduction: Reduction.None); // 0 where free
        var constituent = flatTarget.Gt(0).To(ce.DType);
        var none = flatTarget.Eq(0).To(ce.DType);
        var loss = 0.5 * (ce * constituent).Sum() / constituent.Sum().Clamp(min: 1) + 0.5 * (ce * none).Sum() / none.Sum().Clamp(min: 1);
        return loss;
    });

    /// <summary>
    /// The control objective, weighted as the training loss weighs the classes: ½·mean log p over the target's
    /// constituents + ½·mean log p over its "none" spans (either mean alone when the target has no entry of the other).
    /// With the plain mean over a tree's ~1,100 constrained spans, the ~20 constituents weighed under 2 %, and the
    /// ascent mostly made every span look like a non-constituent: the samples collapsed to a few words (notebook 02).
    /// A syntax-span target (one constituent) is scored by that span alone.
    /// </summary>
    public override Tensor MeanLogProb(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var logp = ConstrainedLogProb(x, modelTime, target);                     // [B, L, L], 0 where free
        var constituent = target.Gt(0).To(logp.DType);
        var none = target.Eq(0).To(logp.DType);
        var constituents = constituent.Sum([1, 2]);
        var nones = none.Sum([1, 2]);
        var constituentWeight = torch.Where(nones.Gt(0), torch.FullLike(nones, 0.5), torch.OnesLike(nones)) / constituents.Clamp(min: 1);
        var noneWeight = torch.Where(constituents.Gt(0), torch.FullLike(nones, 0.5), torch.OnesLike(nones)) / nones.Clamp(min: 1);
        var mean = (logp * constituent).Sum([1, 2]) * constituentWeight + (logp * none).Sum([1, 2]) * noneWeight;
        return mean;
    });

    /// <summary>
    /// log softmax(s_ij)[c_ij] for the constrained entries of <paramref name="target"/> [B, L, L], 0 on free ones: the
    /// entries of <see cref="Logits"/> that guidance reads, computed only where the target constrains the span. A syntax-span
    /// target constrains one span of the L² (a tree about half of them), and the full [B, L, L, labels] logits took
    /// 85 % of a control run's time (notebook 05: ~400 s of tree or spans against ~55 s of each other task).
    /// </summary>
    public Tensor ConstrainedLogProb(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var h = network.Forward(x, modelTime);                                    // [B, L, H]
        long batch = h.Size(0), length = h.Size(1);
        var constrained = target.Ge(0);                                           // [B, L, L]
        var b = torch.Arange(batch, h.Device).View(batch, 1, 1);
        var i = torch.Arange(length, h.Device).View(1, length, 1);
        var j = torch.Arange(length, h.Device).View(1, 1, length);
        var entry = (b * length * length + i * length + j).MaskedSelect(constrained); // flat index of each constrained (b, i, j)
        var rowI = (b * length + i + 0 * j).MaskedSelect(constrained);           // row of h_i in h viewed [B·L, H]
        var rowJ = (b * length + j + 0 * i).MaskedSelect(constrained);           // row of h_j
        var flat = h.Reshape(batch * length, -1);
        var pair = left.Forward(flat).IndexSelect(0, rowI) + right.Forward(flat).IndexSelect(0, rowJ); // A·h_i + B·h_j
        var picked = output.Forward(pair.Tanh()).LogSoftmax(-1)
            .Gather(-1, target.MaskedSelect(constrained).Unsqueeze(-1)).Squeeze(-1); // log softmax(s_ij)[c_ij]
        var dense = torch.Zeros([batch * length * length], picked.DType, h.Device).ScatterAdd(0, entry, picked);
        return dense.View(batch, length, length);
    });

    /// <summary>Span label logits [B, L, L, labels]; entry [b, i, j] scores the span from position i to position j (inclusive).</summary>
    public override Tensor Logits(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var h = network.Forward(x, modelTime);
        var pair = left.Forward(h).Unsqueeze(2) + right.Forward(h).Unsqueeze(1); // [B, L, L, H]: A·h_i + B·h_j
        return output.Forward(pair.Tanh());
    });
}
