using Torch;
using Torch.Nn;

namespace TextDiffusion.Control;

/// <summary>
/// A classifier p(c | x_t) on Diffusion-LM's noisy latents x_t [B, L, d] at model timesteps t [B],
/// the ingredient of plug-and-play control: it is trained on x_t at random t, so that its gradient
/// ∇_x log p(c | x_t) is useful at every step of the reverse process. A control target c is an
/// int64 tensor whose shape depends on the classifier; class 0 is "nothing" (padding / no
/// constituent) and −1 marks entries the target leaves free.
/// </summary>
public abstract class LatentClassifier : Module
{
    /// <summary>
    /// The classifier's logits for target <paramref name="target"/>: one distribution over classes per
    /// target entry, shape [target's shape…, classes]. Only the control-token classifier reads the target
    /// itself (it conditions on the tokens before each one).
    /// </summary>
    public abstract Tensor Logits(Tensor x, Tensor modelTime, Tensor target);

    /// <summary>log p(c | x_t) for each row: [B] = Σ over constrained entries of log softmax(logits)[c]. Differentiable in <paramref name="x"/>.</summary>
    public virtual Tensor LogProb(Tensor x, Tensor modelTime, Tensor target) =>
        torch.Scoped(() => TargetLogProb(Logits(x, modelTime, target), Scored(target), sumFromDim: 1)); // Σ log softmax(logits)[c]

    /// <summary>
    /// The control objective of plug-and-play guidance: log p(c | x_t) per scored entry of the target [B]. The reference
    /// implementation ascends the classifier's mean cross-entropy (a Hugging Face model's loss), so dividing by the
    /// number of entries keeps the paper's fluency weights λ meaning what they mean there: with the plain sum, a syntax
    /// tree's ~1,100 span entries outweighed λ = 5e-4 so far that the samples were no longer sentences (notebook 02).
    /// </summary>
    public virtual Tensor MeanLogProb(Tensor x, Tensor modelTime, Tensor target) => torch.Scoped(() =>
    {
        var count = ScoredCount(target).Clamp(min: 1);
        return LogProb(x, modelTime, target) / count;
    });

    /// <summary>How many entries of each row's target are scored: [B], in the log-probabilities' dtype (float32).</summary>
    public virtual Tensor ScoredCount(Tensor target) => torch.Scoped(() =>
    {
        var scored = Scored(target).Ge(0).To(DType.Float32);
        var dims = Enumerable.Range(1, scored.Dim - 1).Select(i => (long)i).ToArray();
        return dims.Length == 0 ? scored : scored.Sum(dims);
    });

    /// <summary>
    /// The entries of <paramref name="target"/> that are scored, the others set to −1 (a new tensor). All of them by
    /// default; the control-token classifier reads the field of "field : value" as given and scores the value.
    /// </summary>
    protected virtual Tensor Scored(Tensor target) => target.Alias();

    /// <summary>The training loss: mean cross-entropy per constrained entry (a scalar).</summary>
    public virtual Tensor Loss(Tensor x, Tensor modelTime, Tensor target) =>
        torch.Scoped(() => MeanCrossEntropy(Logits(x, modelTime, target), Scored(target))); // mean −log softmax(logits)[c]

    /// <summary>Per row: how many of the target's informative entries (class &gt; 0) the argmax gets right, and how many there are.</summary>
    public (long[] Correct, long[] Total) Hits(Tensor x, Tensor modelTime, Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        return ArgmaxHits(Logits(x, modelTime, target), Scored(target));
    }

    /// <summary>
    /// Σ over constrained entries of log softmax(logits)[target]; logits [..., C], target [...] with −1 = free.
    /// Its intermediates live in the caller's dispose scope.
    /// </summary>
    static Tensor TargetLogProb(Tensor logits, Tensor target, int sumFromDim)
    {
        var picked = EntryLogProb(logits, target);
        var dims = Enumerable.Range(sumFromDim, picked.Dim - sumFromDim).Select(i => (long)i).ToArray();
        return dims.Length == 0 ? picked : picked.Sum(dims);
    }

    /// <summary>log softmax(logits)[target] per entry, shaped like the target, 0 on free entries (−1).</summary>
    protected static Tensor EntryLogProb(Tensor logits, Tensor target) => torch.Scoped(() =>
    {
        var logp = logits.LogSoftmax(-1);
        var index = target.MaskedFill(target.Lt(0), 0).Unsqueeze(-1);
        return logp.Gather(-1, index).Squeeze(-1) * target.Ge(0).To(logp.DType);
    });

    /// <summary>Mean cross-entropy over the constrained entries of target (−1 ignored), in the caller's dispose scope.</summary>
    static Tensor MeanCrossEntropy(Tensor logits, Tensor target) =>
        F.CrossEntropy(logits.Reshape(-1, logits.Size(-1)), target.Reshape(-1), ignoreIndex: -1);

    /// <summary>Argmax hits on entries with class &gt; 0, per row (intermediates in the caller's dispose scope).</summary>
    static (long[] Correct, long[] Total) ArgmaxHits(Tensor logits, Tensor target)
    {
        var informative = target.Gt(0);
        var correct = logits.ArgMax(-1).Eq(target).LogicalAnd(informative);
        long rows = target.Size(0);
        return (correct.Reshape(rows, -1).Sum(1).ToArray<long>(), informative.Reshape(rows, -1).Sum(1).ToArray<long>());
    }
}
