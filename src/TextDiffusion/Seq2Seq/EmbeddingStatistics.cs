using Torch;
using TextDiffusion.Text;

namespace TextDiffusion.Seq2Seq;

/// <summary>The diffused embeddings z0 of a set of tokens at one training step: mean pairwise distance and mean norm.</summary>
public sealed record EmbeddingProbe(int Step, double MeanPairwiseDistance, double MeanNorm);

/// <summary>The mean norm ‖z0(w)‖ = ‖√d·E[w]‖ of the target tokens whose training frequency falls in one bucket.</summary>
public sealed record FrequencyBucket(string Label, int Types, double MeanNorm);

/// <summary>
/// What Difformer's two embedding fixes act on: the collapse of the diffused embeddings z0 (their mean
/// pairwise distance shrinks when only the MSE and a rounding loss shape them) and the dependence of
/// their norms on word frequency (which the embedding layer norm, on the decoder's input, leaves to training).
/// </summary>
public static class EmbeddingStatistics
{
    /// <summary>mean_{i≠j} ‖z0_i − z0_j‖ and mean_i ‖z0_i‖ over <paramref name="tokens"/>, z0 = the model's diffused embedding.</summary>
    public static EmbeddingProbe Probe(Difformer model, IReadOnlyList<int> tokens, int step)
    {
        using var evaluation = torch.NoGradScope();
        var ids = torch.Tensor(tokens.Select(t => (long)t).ToArray(), device: model.Embeddings.Device).Unsqueeze(0);
        var z0 = model.EmbedTarget(ids).Squeeze(0);
        long n = z0.Size(0);
        double distance = torch.CDist(z0, z0).Sum().Item() / Math.Max(1, n * (n - 1));     // the diagonal is 0
        return new EmbeddingProbe(step, distance, z0.Norm(-1).Mean().Item());
    }

    /// <summary>The <paramref name="count"/> most frequent ordinary tokens (specials excluded), most frequent first.</summary>
    public static int[] MostFrequent(long[] frequencies, int count) =>
        Enumerable.Range(SpecialTokens.Count, frequencies.Length - SpecialTokens.Count)
            .Where(i => frequencies[i] > 0).OrderByDescending(i => frequencies[i]).ThenBy(i => i).Take(count).ToArray();

    /// <summary>
    /// Mean ‖z0(w)‖ = ‖√d·E[w]‖ (what is diffused) over the target tokens seen 1–9, 10–99, 100–999 and ≥ 1000 times in training.
    /// </summary>
    public static IReadOnlyList<FrequencyBucket> NormsByFrequency(Difformer model, long[] frequencies)
    {
        using var evaluation = torch.NoGradScope();
        (string Label, long Low, long High)[] buckets = [("1–9", 1, 9), ("10–99", 10, 99), ("100–999", 100, 999), ("≥ 1000", 1000, long.MaxValue)];
        var result = new List<FrequencyBucket>();
        foreach (var (label, low, high) in buckets)
        {
            var members = Enumerable.Range(SpecialTokens.Count, frequencies.Length - SpecialTokens.Count)
                .Where(i => frequencies[i] >= low && frequencies[i] <= high).Select(i => (long)i).ToArray();
            if (members.Length == 0)
            {
                result.Add(new FrequencyBucket(label, 0, double.NaN));
                continue;
            }
            var ids = torch.Tensor(members, device: model.Embeddings.Device);
            result.Add(new FrequencyBucket(label, members.Length, model.EmbedTarget(ids.Unsqueeze(0)).Squeeze(0).Norm(-1).Mean().Item()));
        }
        return result;
    }
}
