using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Text;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Control;

/// <summary>
/// Trains a <see cref="LatentClassifier"/> on a frozen Diffusion-LM's noisy latents: for a batch of
/// sentences, x0 = EMB(w), t = ⌊T·u²⌋ with u ~ U(0, 1), x_t ~ q(x_t | x0), and minimise −log p(c | x_t).
/// The squared draw puts half the examples in the first quarter of the chain (P(t &lt; k) = √(k/T)),
/// where the latent still determines the words: under the sqrt schedule ᾱ is already 0.5 at T/4,
/// and with uniform t the span and semantic classifiers stay at their label priors
/// (notebook 02's status note has the numbers). Accuracy is measured at fixed t, so clean (t = 0)
/// and noisy inputs can be compared.
/// </summary>
public static class ClassifierTraining
{
    /// <summary>
    /// The training recipe's tag, part of every classifier's checkpoint folder name, so that a checkpoint
    /// trained by an older recipe is never reused: r2 = t = ⌊T·u²⌋ and the class-balanced span loss
    /// (r1, uniform t and the plain mean, had no tag).
    /// </summary>
    public const string Recipe = "r2";

    /// <summary>Training timesteps [B]: t = ⌊T·u²⌋, u ~ U(0, 1), so P(t &lt; k) = √(k/T): half the draws fall below T/4.</summary>
    public static Tensor TrainingTimesteps(int steps, long batch, Device device, Generator generator) => torch.Scoped(() =>
    {
        var u = torch.Rand([batch], device: device, generator: generator);
        return (u.Pow(2) * steps).Floor().Clamp(max: steps - 1).To(DType.Int64);
    });

    /// <summary>x_t ~ q(x_t | x0 = EMB(w)) for ids [B, L], at the given timestep (or ones drawn by <see cref="TrainingTimesteps"/>).</summary>
    public static (Tensor Xt, Tensor T) NoisyLatents(DiffusionLM model, Tensor ids, Generator generator, int? t = null) => torch.Scoped(() =>
    {
        long b = ids.Size(0);
        int steps = model.Diffusion.Steps;
        var ts = t is { } fixedT
            ? torch.Full([b], fixedT, DType.Int64, ids.Device)
            : TrainingTimesteps(steps, b, ids.Device, generator);
        var x0 = model.Embed(ids).Detach();
        var noise = torch.Randn(x0.Shape, device: ids.Device, generator: generator);
        var xt = model.Diffusion.QSample(x0, ts, noise);
        return (xt, ts);
    });

    /// <summary>A batch of ids [B, L] and targets [B, …] for examples drawn by (seed, step), as the corpus batches are.</summary>
    public static (Tensor Ids, Tensor Target) Batch(ControlDataset data, IReadOnlyList<int> pool, int step, int batchSize, ulong seed, Device? device)
    {
        var random = new Pcg32(seed * 7919UL + (ulong)step);
        var picks = Enumerable.Range(0, batchSize).Select(_ => pool[random.NextInt(pool.Count)]).ToList();
        return Gather(data, picks, device);
    }

    /// <summary>The examples <paramref name="indices"/> as one batch.</summary>
    public static (Tensor Ids, Tensor Target) Gather(ControlDataset data, IReadOnlyList<int> indices, Device? device)
    {
        int length = data.Rows[0].Length;
        var ids = indices.SelectMany(i => data.Rows[i]).ToArray();
        var targets = indices.SelectMany(data.Target).ToArray();
        return (torch.Tensor(ids, [indices.Count, length], device), torch.Tensor(targets, [indices.Count, .. data.TargetShape], device));
    }

    /// <summary>
    /// Trains <paramref name="classifier"/> on the examples in <paramref name="train"/> (indices into <paramref name="data"/>). With a
    /// <paramref name="checkpointDir"/> it checkpoints every 250 steps and resumes or reuses what is there (after a resume the
    /// noise draws differ from an uninterrupted run's; the batches do not). Timesteps are drawn by <see cref="TrainingTimesteps"/>.
    /// </summary>
    public static TrainingResult Train(LatentClassifier classifier, DiffusionLM model, ControlDataset data, IReadOnlyList<int> train,
        int steps, int batchSize, double learningRate = 1e-3, ulong seed = 0, IProgress<TrainingProgress>? progress = null, string? checkpointDir = null)
    {
        var device = Compute.Device;
        classifier.To(device);
        model.Eval();
        using var generator = new Generator(seed + 29, device);
        var options = new TrainingOptions(steps, learningRate, WarmupSteps: Math.Min(100, steps / 10), Seed: seed, LogEvery: Math.Max(1, steps / 40))
            .CheckpointedIn(checkpointDir);
        return Trainer.Run(classifier, step =>
        {
            var (ids, target) = Batch(data, train, step, batchSize, seed, device);
            var (xt, t) = NoisyLatents(model, ids, generator);
            return classifier.Loss(xt, t, target);
        }, options, progress);
    }

    /// <summary>
    /// Accuracy (argmax hits on informative entries) on the examples <paramref name="indices"/> with inputs noised to step
    /// <paramref name="t"/>: Σ hits / Σ informative entries, with a 95 % bootstrap interval over the examples (each keeps its
    /// entries together; NaN when there are no informative entries).
    /// </summary>
    public static Metric Accuracy(LatentClassifier classifier, DiffusionLM model, ControlDataset data, IReadOnlyList<int> indices,
        int t, ulong seed = 0, int batchSize = 64) => torch.NoGrad(() =>
    {
        var device = Compute.Device;
        classifier.Eval();
        using var generator = new Generator(seed + 31, device);
        var (correct, total) = (new List<long>(), new List<long>());
        for (int start = 0; start < indices.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var (ids, target) = Gather(data, indices.Skip(start).Take(batchSize).ToList(), device);
            var (xt, ts) = NoisyLatents(model, ids, generator, t);
            var (c, n) = classifier.Hits(xt, ts, target);
            correct.AddRange(c);
            total.AddRange(n);
        }
        return total.Sum() == 0 ? new Metric(double.NaN, double.NaN, double.NaN, 0.95, total.Count)
            : Metric.Bootstrap(total.Count, rows => (double)rows.Sum(i => correct[i]) / Math.Max(1, rows.Sum(i => total[i])), seed: (int)seed); // a resample without informative entries (vanishingly rare) counts as 0
    });
}

/// <summary>
/// Training examples of one control classifier: each sentence's id row [L] and its control target
/// (built on demand: a dense span target is L×L), whose shape is <see cref="TargetShape"/>.
/// </summary>
public sealed record ControlDataset(IReadOnlyList<long[]> Rows, Func<int, long[]> Target, long[] TargetShape)
{
    public int Count => Rows.Count;
}
