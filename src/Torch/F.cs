namespace Torch;

/// <summary>How a loss combines its per-element values (at::Reduction's values).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>Neural-network functions, as <c>torch.nn.functional</c> (imported as F).</summary>
public static class F
{
    /// <summary>y = x·Wᵀ + b.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null) =>
        new(Native.td_linear(x.Handle, weight.Handle, bias?.Handle ?? TensorHandle.Null));

    /// <summary>(x − mean) / sqrt(var + eps) · w + b over the last dims given by <paramref name="normalizedShape"/>.</summary>
    public static Tensor LayerNorm(Tensor x, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
        new(Native.td_layer_norm(x.Handle, normalizedShape, normalizedShape.Length, weight?.Handle ?? TensorHandle.Null,
            bias?.Handle ?? TensorHandle.Null, eps));

    /// <summary>Rows of <paramref name="weight"/> picked by <paramref name="ids"/>; the padding row gets no gradient.</summary>
    public static Tensor Embedding(Tensor ids, Tensor weight, long paddingIdx = -1) =>
        new(Native.td_embedding(weight.Handle, ids.Handle, paddingIdx));

    public static Tensor Softmax(Tensor x, long dim) => x.Softmax(dim);
    public static Tensor LogSoftmax(Tensor x, long dim) => x.LogSoftmax(dim);
    public static Tensor Relu(Tensor x) => x.Relu();
    public static Tensor Gelu(Tensor x) => x.Gelu();
    public static Tensor GeluTanh(Tensor x) => new(Native.td_gelu_tanh(x.Handle));
    public static Tensor Silu(Tensor x) => x.Silu();
    public static Tensor Tanh(Tensor x) => x.Tanh();
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();
    public static Tensor LogSigmoid(Tensor x) => new(Native.td_logsigmoid(x.Handle));
    public static Tensor Softplus(Tensor x) => new(Native.td_softplus(x.Handle));

    /// <summary>Zeroes elements with probability p and scales the rest by 1/(1−p), in training only.</summary>
    public static Tensor Dropout(Tensor x, double p, bool training) =>
        p == 0 || !training ? x.Alias() : new(Native.td_dropout(x.Handle, p, 1));

    /// <summary>
    /// −log softmax(logits)[target], logits [N, C] or [N, C, d...] with class indices as targets.
    /// Targets equal to <paramref name="ignoreIndex"/> contribute nothing; label smoothing ε mixes the
    /// one-hot target with the uniform distribution (1 − ε)·onehot + ε/C.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, long ignoreIndex = -100, double labelSmoothing = 0,
        Reduction reduction = Reduction.Mean, Tensor? weight = null) =>
        new(Native.td_cross_entropy(logits.Handle, target.Handle, weight?.Handle ?? TensorHandle.Null, (int)reduction,
            ignoreIndex, labelSmoothing));

    public static Tensor NllLoss(Tensor logProbs, Tensor target, long ignoreIndex = -100, Reduction reduction = Reduction.Mean) =>
        new(Native.td_nll_loss(logProbs.Handle, target.Handle, (int)reduction, ignoreIndex));

    /// <summary>(a − b)², reduced.</summary>
    public static Tensor MseLoss(Tensor a, Tensor b, Reduction reduction = Reduction.Mean) =>
        new(Native.td_mse_loss(a.Handle, b.Handle, (int)reduction));

    /// <summary>−[y·log σ(z) + (1 − y)·log(1 − σ(z))], computed stably from logits z.</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Reduction reduction = Reduction.Mean) =>
        new(Native.td_bce_with_logits(logits.Handle, target.Handle, (int)reduction));

    /// <summary>
    /// softmax(q·kᵀ/√d)·v over the last two dims. <paramref name="keep"/> (bool, broadcastable to
    /// [.., Lq, Lk]) is true where attention is allowed; <paramref name="causal"/> adds the
    /// lower-triangular mask. Dropout applies to the attention weights.
    /// </summary>
    public static Tensor ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? keep = null, double dropout = 0,
        bool causal = false) =>
        new(Native.td_attention(q.Handle, k.Handle, v.Handle, keep?.Handle ?? TensorHandle.Null, dropout, causal ? 1 : 0));
}
