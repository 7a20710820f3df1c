namespace Torch.Nn;

/// <summary>
/// Multi-head attention, batch first: softmax(Q·Kᵀ/√d_head)·V per head, then an output projection.
/// The four projections are swappable children (Q and V get LoRA adapters in QE-CDLM).
/// </summary>
public sealed class MultiheadAttention : Module
{
    readonly double dropout;
    public long ModelDim { get; }
    public long Heads { get; }

    public MultiheadAttention(long modelDim, long heads, double dropout = 0, bool bias = true)
    {
        if (modelDim % heads != 0) throw new ArgumentException($"model dim {modelDim} is not divisible by {heads} heads");
        ModelDim = modelDim;
        Heads = heads;
        this.dropout = dropout;
        Register("q", new Linear(modelDim, modelDim, bias));
        Register("k", new Linear(modelDim, modelDim, bias));
        Register("v", new Linear(modelDim, modelDim, bias));
        Register("out", new Linear(modelDim, modelDim, bias));
    }

    public Linear Q { get => Child<Linear>("q"); set => Replace("q", value); }
    public Linear K { get => Child<Linear>("k"); set => Replace("k", value); }
    public Linear V { get => Child<Linear>("v"); set => Replace("v", value); }
    public Linear Out { get => Child<Linear>("out"); set => Replace("out", value); }

    /// <summary>
    /// query [B, L, D], key/value [B, S, D]. <paramref name="keyPadding"/> [B, S] is true at padded
    /// keys, which receive no attention; <paramref name="causal"/> lets position i see only j ≤ i.
    /// </summary>
    public Tensor Forward(Tensor query, Tensor key, Tensor value, Tensor? keyPadding = null, bool causal = false)
    {
        long b = query.Size(0), l = query.Size(1), s = key.Size(1), dh = ModelDim / Heads;
        var (qp, kp, vp) = Project(query, key, value);
        using var q = SplitHeads(qp, b, l, dh);
        using var k = SplitHeads(kp, b, s, dh);
        using var v = SplitHeads(vp, b, s, dh);
        using var notPadded = keyPadding?.LogicalNot();
        using var keep = notPadded?.View(b, 1, 1, s);
        using var y = F.ScaledDotProductAttention(q, k, v, keep, Training ? dropout : 0, causal);
        using var merged = y.Transpose(1, 2).Reshape(b, l, ModelDim);
        return Out.Forward(merged);
    }

    /// <summary>
    /// Q·x, K·x, V·x. For self-attention with plain linear projections the three products are one
    /// matrix product with the stacked weights [W_q; W_k; W_v] (as PyTorch's packed in-projection);
    /// projections replaced by subclasses (LoRA, quantised) are applied one by one.
    /// </summary>
    (Tensor Q, Tensor K, Tensor V) Project(Tensor query, Tensor key, Tensor value)
    {
        Linear wq = Q, wk = K, wv = V;
        bool packable = ReferenceEquals(query, key) && ReferenceEquals(key, value)
            && wq.GetType() == typeof(Linear) && wk.GetType() == typeof(Linear) && wv.GetType() == typeof(Linear)
            && (wq.Bias is null) == (wk.Bias is null) && (wk.Bias is null) == (wv.Bias is null);
        if (!packable) return (wq.Forward(query), wk.Forward(key), wv.Forward(value));
        using var weight = torch.Cat([wq.Weight, wk.Weight, wv.Weight]);
        using var bias = wq.Bias is null ? null : torch.Cat([wq.Bias, wk.Bias!, wv.Bias!]);
        using var packed = F.Linear(query, weight, bias);
        var parts = packed.Split(ModelDim, -1);
        return (parts[0], parts[1], parts[2]);
    }

    // [B, L, D] → [B, H, L, D/H]
    Tensor SplitHeads(Tensor x, long b, long l, long dh)
    {
        using (x)
        using (var split = x.Reshape(b, l, Heads, dh))
            return split.Transpose(1, 2);
    }
}
