using TextDiffusion.Models;
using TextDiffusion.Reporting;
using Torch;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's fluency metric: lm-score = exp(Σ NLL / Σ tokens) of sentences under a teacher
/// autoregressive LM trained on the same data (lower is better). The confidence interval
/// resamples whole sentences.
/// </summary>
public static class LmScore
{
    /// <summary>Per-sentence summed NLL and token count for rows [N, L] (BOS … EOS PAD…), in batches.</summary>
    public static (double[] Nll, long[] Count) PerSentence(TransformerLM teacher, Tensor rows, int batchSize = 256)
    {
        var nll = new List<double>();
        var count = new List<long>();
        long n = rows.Size(0);
        teacher.Eval();
        for (long start = 0; start < n; start += batchSize)
        {
            using var slice = rows.Slice(0, start, Math.Min(n, start + batchSize));
            using var batch = slice.To(teacher.Device);   // rows may live elsewhere than the teacher
            var (s, c) = teacher.SequenceNll(batch);
            nll.AddRange(s);
            count.AddRange(c);
        }
        return (nll.ToArray(), count.ToArray());
    }

    /// <summary>lm-score with a bootstrap interval over sentences.</summary>
    public static Metric Compute(TransformerLM teacher, Tensor rows, int seed = 0)
    {
        var (nll, count) = PerSentence(teacher, rows);
        return Metric.Bootstrap(nll.Length, idx => Math.Exp(idx.Sum(i => nll[i]) / Math.Max(1, idx.Sum(i => count[i]))), seed);
    }
}
