namespace TextDiffusion.Tests.Discrete;

/// <summary>Exact laws of sampling-importance-resampling over a finite space, and distances.</summary>
static class Sir
{
    /// <summary>π(x) ∝ q(x)·w(x).</summary>
    public static double[] Target(double[] q, double[] w)
    {
        var p = q.Select((qi, i) => qi * w[i]).ToArray();
        double z = p.Sum();
        return p.Select(x => x / z).ToArray();
    }

    /// <summary>
    /// The law of the resampled x with k = 2 candidates, by enumerating every pair:
    /// P(x) = Σ_{y1,y2} q(y1) q(y2) [w(y1)·1{y1 = x} + w(y2)·1{y2 = x}] / (w(y1) + w(y2)).
    /// </summary>
    public static double[] PairLaw(double[] q, double[] w)
    {
        var p = new double[q.Length];
        for (int a = 0; a < q.Length; a++)
            for (int b = 0; b < q.Length; b++)
            {
                double pair = q[a] * q[b] / (w[a] + w[b]);
                p[a] += pair * w[a];
                p[b] += pair * w[b];
            }
        return p;
    }

    /// <summary>
    /// The law for any k: P_k(x) = k·q(x)·w(x)·E[1/(w(x) + S_{k−1})], S_{k−1} a sum of k−1 independent w(Y), Y ~ q,
    /// using 1/a = ∫₀^∞ e^{−λa} dλ: P_k(x) = k·q(x)·w(x)·∫₀^∞ e^{−λ w(x)} M(λ)^{k−1} dλ, M(λ) = Σ_y q(y) e^{−λ w(y)}.
    /// Integrated on λ = e^s (trapezoid, fine grid) after scaling w to E_q[w] = 1.
    /// </summary>
    public static double[] Law(double[] q, double[] w, int k)
    {
        double mean = q.Select((qi, i) => qi * w[i]).Sum();
        var ws = w.Select(x => x / mean).ToArray();
        const double lo = -30, hi = 14;
        const int n = 200_000;
        double h = (hi - lo) / n;
        var p = new double[q.Length];
        for (int j = 0; j <= n; j++)
        {
            double s = lo + j * h, lambda = Math.Exp(s);
            double m = 0;
            for (int y = 0; y < q.Length; y++) m += q[y] * Math.Exp(-lambda * ws[y]);
            double logMk = k == 1 ? 0 : (k - 1) * Math.Log(m);
            double trapezoid = j == 0 || j == n ? 0.5 : 1.0;
            for (int x = 0; x < q.Length; x++)
                p[x] += trapezoid * h * Math.Exp(s - lambda * ws[x] + logMk);
        }
        return p.Select((v, x) => v * k * q[x] * ws[x]).ToArray();
    }

    public static double TotalVariation(double[] a, double[] b) => 0.5 * a.Select((ai, i) => Math.Abs(ai - b[i])).Sum();

    /// <summary>E[TV(empirical of N draws, p)] ≤ ½ Σ_x sqrt(p(x)(1 − p(x))/N) ≤ ½·sqrt(K/N).</summary>
    public static double ExpectedTvBound(double[] p, int n) => 0.5 * p.Select(pi => Math.Sqrt(pi * (1 - pi) / n)).Sum();
}
