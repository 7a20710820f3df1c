using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// MDLM on sentence rows (BOS w… EOS PAD…, <see cref="SentenceCorpus"/>): the quick start's model and
/// <c>td train --model mdlm</c>. PAD is an ordinary token, so a sample's length is where it writes EOS.
/// EDLM's AR energy for these rows is an AR model over the same rows (<see cref="Autoregressive"/>).
/// </summary>
public static class SentenceMdlm
{
    /// <summary>MDLM's configuration for rows of <paramref name="corpus"/>.</summary>
    public static MaskedDiffusionLMConfig Config(SentenceCorpus corpus, int modelDim, int layers, double dropout = 0) =>
        new(corpus.VocabSize, corpus.SequenceLength, modelDim, layers, Heads: 4, FeedForwardDim: 4 * modelDim, Dropout: dropout);

    /// <summary>EDLM's AR energy: an AR model over the same rows (token ids 0..V−1, its own BOS = V).</summary>
    public static TransformerLMConfig EnergyConfig(SentenceCorpus corpus, int modelDim, int layers, double dropout = 0) =>
        Autoregressive.Config(corpus.VocabSize, corpus.SequenceLength, modelDim, layers, 4, 4 * modelDim, dropout);

    /// <summary>Trains MDLM on the corpus's rows with <paramref name="options"/> (steps, checkpoints, wall-clock cap).</summary>
    public static TrainedModel<MaskedDiffusionLM> Train(SentenceCorpus corpus, MaskedDiffusionLMConfig config, TrainingOptions options,
        int batchSize, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var device = Compute.Device;
        torch.ManualSeed(options.Seed);
        var model = new MaskedDiffusionLM(config);
        model.To(device);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(step, batchSize, options.Seed, device)), options, progress, cancel: cancel);
        return new TrainedModel<MaskedDiffusionLM>(model, result);
    }

    /// <summary>Trains the AR energy on the same rows.</summary>
    public static TrainedModel<TransformerLM> TrainEnergy(SentenceCorpus corpus, TransformerLMConfig config, TrainingOptions options,
        int batchSize, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        var device = Compute.Device;
        torch.ManualSeed(options.Seed + 1);
        var model = new TransformerLM(config);
        model.To(device);
        var result = Trainer.Run(model, step => Autoregressive.Loss(model, corpus.TrainBatch(step, batchSize, options.Seed + 1, device)),
            options, progress, cancel: cancel);
        return new TrainedModel<TransformerLM>(model, result);
    }

    /// <summary>
    /// <paramref name="count"/> sentences in <paramref name="steps"/> MDLM steps; with an <paramref name="energy"/>, EDLM:
    /// <paramref name="candidates"/> proposals per step re-weighted by the AR energy in the first <paramref name="window"/> of the steps.
    /// </summary>
    public static List<string> Sample(MaskedDiffusionLM model, SentenceCorpus corpus, int count, int steps, ulong seed = 0,
        TransformerLM? energy = null, int candidates = 2, double window = 0.2, int batchSize = 100)
    {
        model.Eval();
        var sentences = new List<string>();
        using var generator = new Generator(seed, model.Device);
        for (int done = 0; done < count; done += batchSize)
        {
            int n = Math.Min(batchSize, count - done);
            using var sample = energy is null
                ? new MaskedSampler(model.Process, model.Denoiser).Sample(n, corpus.SequenceLength, steps, generator, device: model.Device)
                : new EnergySampler(model.Process, model.Denoiser, new ArEnergy(energy, model.Process.MaskId).Energy, candidates, window)
                    .Sample(n, corpus.SequenceLength, steps, generator, device: model.Device);
            sentences.AddRange(corpus.DecodeRows(sample.Ids));
        }
        return sentences;
    }

    /// <summary>
    /// One sentence denoised from t = 1 (all MASK) to 0 in <paramref name="steps"/> steps, as text at about
    /// <paramref name="frames"/> evenly spaced times: "_" is a token still masked; the row runs from after BOS to the final EOS.
    /// </summary>
    public static IReadOnlyList<(double T, string Text)> Denoising(MaskedDiffusionLM model, SentenceCorpus corpus, int steps, ulong seed, int frames = 12)
    {
        model.Eval();
        var states = new List<(double T, long[] Ids)>();
        using var generator = new Generator(seed, model.Device);
        using var sample = new MaskedSampler(model.Process, model.Denoiser).Sample(1, corpus.SequenceLength, steps, generator,
            device: model.Device, observe: (t, x) => states.Add((t, x.To(DType.Int64).ToArray<long>())));
        var final = states[^1].Ids;
        int end = Array.IndexOf(final, (long)Text.SpecialTokens.Eos);
        int length = end < 0 ? final.Length : end + 1;
        int start = final[0] == Text.SpecialTokens.Bos ? 1 : 0;   // BOS is where every row starts: not shown
        var picked = Enumerable.Range(0, frames).Select(i => (int)Math.Round(i * (states.Count - 1) / (double)(frames - 1))).Distinct();
        return picked.Select(i => (states[i].T, Render(states[i].Ids.AsSpan(start, length - start), model.Process.MaskId, corpus))).ToList();
    }

    static string Render(ReadOnlySpan<long> ids, long maskId, SentenceCorpus corpus)
    {
        var words = new List<string>();
        foreach (long id in ids)
            words.Add(id == maskId ? "_" : corpus.Tokenizer.IdToToken((int)id));
        return string.Join(' ', words);
    }
}
