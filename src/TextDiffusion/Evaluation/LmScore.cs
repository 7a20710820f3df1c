using TextDiffusion.Models;
using TextDiffusion.Reporting;
using Torch;

namespace TextDiffusion.Evaluation;

/// <summary>
/// Diffusion-LM's fluency metric: the perplexity of sentences under a teacher autoregressive LM trained on the same
/// data (lower is better), aggregated as the reference implementation does (improved-diffusion/control_gen/eval_control.py,
/// eval_ppl: each sentence's mean token NLL, <c>model_output.loss</c>, averaged over sentences, then exponentiated):
/// lm-score = exp((1/N) Σ_s NLL_s / n_s). Pooling tokens instead, exp(Σ NLL / Σ n), weighs long sentences more.
/// The confidence interval resamples whole sentences.
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
        return FromSentences(nll, count, seed);
    }

    /// <summary>exp of the mean over sentences of each sentence's mean NLL (summed NLL / token count), with a bootstrap interval.</summary>
    public static Metric FromSentences(IReadOnlyList<double> nll, IReadOnlyList<long> count, int seed = 0)
    {
        var mean = nll.Select((total, i) => total / Math.Max(1, count[i])).ToArray();
        return Metric.Bootstrap(mean.Length, idx => Math.Exp(idx.Average(i => mean[i])), seed);
    }
}
