namespace Torch.Nn;

/// <summary>A lookup table of <c>count</c> vectors of size <c>dim</c>, initialised N(0, 1).</summary>
public sealed class Embedding : Module
{
    public Tensor Weight { get; }
    public long PaddingIdx { get; }

    public Embedding(long count, long dim, long paddingIdx = -1, double initStd = 1.0)
    {
        PaddingIdx = paddingIdx;
        var w = torch.Empty([count, dim]).Normal_(0, initStd);
        if (paddingIdx >= 0)
            using (var row = w.Select(0, paddingIdx))
                row.Zero_();
        Weight = Parameter("weight", w);
    }

    public Tensor Forward(Tensor ids) => F.Embedding(ids, Weight, PaddingIdx);
}
