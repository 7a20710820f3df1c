using Torch;
using TextDiffusion.Training;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// Trains either seq2seq model on a <see cref="ParallelCorpus"/> with the shared <see cref="Trainer"/>
/// (one dispose scope per step, reseeded per step). <paramref name="probe"/>, if given, is called
/// with the step number every <paramref name="probeEvery"/> steps, before that step, and once at the end
/// (e.g. to record the mean pairwise embedding distance over training).
/// </summary>
public static class Seq2SeqTraining
{
    public static TrainingResult Train(Difformer model, ParallelCorpus corpus, TrainingOptions options, int batchSize,
        IProgress<TrainingProgress>? progress = null, Action<int>? probe = null, int probeEvery = 100, CancellationToken cancel = default)
    {
        var c = model.Config;
        var result = Trainer.Run(model, step =>
        {
            Probe(probe, probeEvery, step);
            var (sources, targets) = corpus.Batch(step, batchSize, options.Seed);
            using var batch = Seq2SeqBatch.Create(sources, targets, corpus.PadId, corpus.BosId, corpus.EosId,
                c.MaxSourceLength, c.MaxTargetLength, model.Embeddings.Device);
            var loss = model.Loss(batch.Source, batch.Target);
            loss.Diffusion.Dispose();
            loss.Token.Dispose();
            loss.Length.Dispose();
            return loss.Total;
        }, options, progress, cancel: cancel);
        probe?.Invoke(result.FinalStep);
        return result;
    }

    public static TrainingResult Train(TransformerTranslator model, ParallelCorpus corpus, TrainingOptions options, int batchSize,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var c = model.Config;
        var device = model.Parameters().First().Device;
        return Trainer.Run(model, step =>
        {
            var (sources, targets) = corpus.Batch(step, batchSize, options.Seed);
            using var batch = Seq2SeqBatch.Create(sources, targets, corpus.PadId, corpus.BosId, corpus.EosId,
                c.MaxSourceLength, c.MaxTargetLength, device);
            return model.Loss(batch);
        }, options, progress, cancel: cancel);
    }

    static void Probe(Action<int>? probe, int every, int step)
    {
        if (probe is null || step % every != 0) return;
        using var noGrad = torch.NoGrad();
        probe(step);
    }
}
