using Torch;
using TextDiffusion.Text;
using TextDiffusion.Training;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Trains either seq2seq model on <see cref="TokenizedPairs"/> with the shared <see cref="Trainer"/>
/// (one dispose scope per step, reseeded per step). Step s takes batch s mod n of epoch s / n of the
/// data layer's <see cref="Batcher"/> (shuffled per epoch, bucketed by length), so a resumed run sees
/// the same batches. <paramref name="probe"/>, if given, is called with the step number every
/// <paramref name="probeEvery"/> steps, before that step, without gradients, and once at the end.
/// </summary>
public static class Seq2SeqTraining
{
    /// <summary>Shuffled, length-bucketed batches of <paramref name="batchSize"/> pairs, seeded.</summary>
    public static BatchingOptions Batching(int batchSize, ulong seed) => new(batchSize, seed, Shuffle: true, BucketByLength: true);

    public static TrainingResult Train(Difformer model, TokenizedPairs data, TrainingOptions options, BatchingOptions batching,
        IProgress<TrainingProgress>? progress = null, Action<int>? probe = null, int probeEvery = 100, CancellationToken cancel = default)
    {
        var c = model.Config;
        var batches = new StepBatches(data, batching);
        var result = Trainer.Run(model, step =>
        {
            if (probe is not null && step % probeEvery == 0)
                using (torch.NoGrad())
                    probe(step);
            var (sources, targets) = batches.At(step);
            using var batch = Seq2SeqBatch.Create(sources, targets, c.MaxSourceLength, c.MaxTargetLength, model.Embeddings.Device);
            var loss = model.Loss(batch.Source, batch.Target);
            loss.Diffusion.Dispose();
            loss.Token.Dispose();
            loss.Length.Dispose();
            return loss.Total;
        }, options, progress, cancel: cancel);
        if (probe is not null)
            using (torch.NoGrad())
                probe(result.FinalStep);
        return result;
    }

    public static TrainingResult Train(TransformerTranslator model, TokenizedPairs data, TrainingOptions options, BatchingOptions batching,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var c = model.Config;
        var device = model.Device;
        var batches = new StepBatches(data, batching);
        return Trainer.Run(model, step =>
        {
            var (sources, targets) = batches.At(step);
            using var batch = Seq2SeqBatch.Create(sources, targets, c.MaxSourceLength, c.MaxTargetLength, device);
            return model.Loss(batch);
        }, options, progress, cancel: cancel);
    }

    // Step → (epoch, batch) over the Batcher's epochs; the current epoch's index lists are cached.
    sealed class StepBatches(TokenizedPairs data, BatchingOptions batching)
    {
        readonly Batcher batcher = new(batching);
        readonly IReadOnlyList<int> lengths = data.Sources.Zip(data.Targets, (s, t) => Math.Max(s.Length, t.Length)).ToArray();
        int epoch = -1;
        IReadOnlyList<int[]> indices = [];

        public (int[][] Sources, int[][] Targets) At(int step)
        {
            int perEpoch = (data.Count + batching.BatchSize - 1) / batching.BatchSize;
            if (batching.DropLast) perEpoch = Math.Max(1, data.Count / batching.BatchSize);
            int e = step / perEpoch;
            if (e != epoch)
            {
                indices = batcher.BatchIndices(lengths, e);
                epoch = e;
            }
            var picked = indices[step % indices.Count];
            return (picked.Select(i => data.Sources[i]).ToArray(), picked.Select(i => data.Targets[i]).ToArray());
        }
    }
}
