using TextDiffusion.Discrete;
using Torch;

namespace TextDiffusion.Tests.Discrete;

/// <summary>
/// The enumerable toy case: V = 3 real tokens, L = 3 positions (27 sequences), a fixed factorised
/// proposal q (a stub denoiser that returns the same logits whatever x_t, through SUBS) and a known
/// energy table E over the 27 sequences.
/// </summary>
sealed class ToyProposal
{
    public const int V = 3, L = 3, K = 27;

    public static readonly double[,] Logits =
    {
        { 0.6, 0.0, -0.8 },
        { -0.4, 0.9, 0.1 },
        { 0.0, -1.0, 0.7 },
    };

    public MaskedDiffusion Process { get; } = new(V);
    public double[] Energy { get; }

    public ToyProposal(int seed = 7)
    {
        var random = new Random(seed);
        Energy = Enumerable.Range(0, K).Select(_ => 4.0 * random.NextDouble() - 2.0).ToArray();
    }

    /// <summary>q(x) = Π_ℓ softmax(Logits[ℓ])[x^ℓ] for the sequence with index x = 9·x¹ + 3·x² + x³.</summary>
    public double[] Q()
    {
        var marginals = new double[L][];
        for (int l = 0; l < L; l++)
        {
            var e = Enumerable.Range(0, V).Select(v => Math.Exp(Logits[l, v])).ToArray();
            marginals[l] = e.Select(x => x / e.Sum()).ToArray();
        }
        return Enumerable.Range(0, K).Select(x => marginals[0][x / 9] * marginals[1][x / 3 % 3] * marginals[2][x % 3]).ToArray();
    }

    /// <summary>The stub denoiser: SUBS(fixed logits) [B, L, V+1].</summary>
    public Tensor Denoise(Tensor xt)
    {
        using var scope = torch.NewDisposeScope();
        var rows = new float[L * (V + 1)];
        for (int l = 0; l < L; l++)
        {
            for (int v = 0; v < V; v++) rows[l * (V + 1) + v] = (float)Logits[l, v];
            rows[l * (V + 1) + V] = 5f; // a large MASK logit: SUBS must remove it
        }
        var logits = torch.Tensor(rows, [1, L, V + 1]).Expand(xt.Size(0), L, V + 1);
        return scope.MoveToOuter(SubsParameterization.Apply(logits, xt, Process.MaskId));
    }

    /// <summary>E(x0) from the table, for candidates [N, L]; <paramref name="sign"/> = −1 gives the public code's +E weighting.</summary>
    public EnergyFunction EnergyFunction(double sign = 1) => (x0, xt, logProposal, t) =>
    {
        using var scope = torch.NewDisposeScope();
        var table = torch.Tensor(Energy.Select(e => (float)(sign * e)).ToArray());
        var place = torch.Tensor(new long[] { 9, 3, 1 });
        var index = (x0 * place).Sum(1);
        return scope.MoveToOuter(table.IndexSelect(0, index));
    };

    public static int Index(long[] ids, int row) => (int)(9 * ids[row * L] + 3 * ids[row * L + 1] + ids[row * L + 2]);

    public static double[] Histogram(long[] ids)
    {
        int n = ids.Length / L;
        var p = new double[K];
        for (int i = 0; i < n; i++) p[Index(ids, i)] += 1.0 / n;
        return p;
    }
}
