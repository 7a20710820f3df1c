using TextDiffusion.Models;
using TextDiffusion.Quantization;
using TextDiffusion.Reporting;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Experiments;

/// <summary>
/// QE-CDLM's pipeline (notebook 05): a pretrained Diffusion-LM → its input, time and output
/// projections quantised (or left float) → fine-tuned with LoRA on the attention's Q and V (or
/// fully), with the same seed and step budget for every variant. As in the reference, LoRA freezes
/// only the pretrained Q and V weights: the quantised projections train through their STE. The word
/// embeddings stay frozen in every variant (the reference trains them; here the control classifiers
/// trained on the pretrained model's latents must serve all variants).
/// With a checkpoint folder, a variant is saved when its fine-tuning completes (with its validation
/// curve) and a rerun reuses it; one cut off mid-way is trained again from the start, so every
/// variant's weights are those of one uninterrupted, seeded run.
/// </summary>
public static class QeCdlmExperiment
{
    public static QeCdlmResult FineTune(DiffusionLM pretrained, E2eCorpus corpus, QeCdlmVariant variant, DiffusionLmSettings s, QeCdlmSettings q,
        ulong seed = 0, string? checkpointDir = null)
    {
        var device = Compute.Device;
        torch.ManualSeed(seed);
        var model = new DiffusionLM(pretrained.Config);
        model.LoadStateDict(pretrained.StateDict());
        model.To(device);
        if (variant.Quantizer is { } quantizer) QeCdlm.QuantizeProjections(model.Denoiser, quantizer);
        model.RequiresGrad_(true);
        var adapters = variant.LoRA ? QeCdlm.AddLoRA(model.Denoiser, q.LoRARank, q.LoRAAlpha) : [];
        model.Embeddings.RequiresGrad = false;
        var before = QeCdlm.QuantizedProjections(model.Denoiser).ToDictionary(kv => kv.Key, kv => (Float: kv.Value.Weight.Detach().Clone(), Quantised: kv.Value.QuantizedWeight()));

        using var validationRows = corpus.Encode(corpus.EvalSentences.Take(q.ValidationRows).ToList(), device);
        double Validate()
        {
            using var generator = new Generator(seed + 99, device);   // the same t and noise at every evaluation
            var (loss, perExample, t) = model.Loss(validationRows, generator);
            using (perExample) using (t) using (loss) return loss.Item();
        }
        var curve = new ValidationCurve(model, Validate, new ConsoleProgress(variant.Name, 4));
        string? curveFile = checkpointDir is null ? null : Path.Combine(checkpointDir, "validation.json");
        bool reuse = checkpointDir is not null && Checkpoint.Exists(checkpointDir) && File.Exists(curveFile);
        if (!reuse) curve.Record(0);

        using var noise = new Generator(seed + 17, device);
        var options = new TrainingOptions(q.FineTuneSteps, q.LearningRate, WarmupSteps: Math.Min(50, q.FineTuneSteps / 10), Seed: seed,
            LogEvery: Math.Max(1, q.FineTuneSteps / 12)).CheckpointedIn(checkpointDir, resume: reuse, every: q.FineTuneSteps);
        var result = Trainer.Run(model, step => model.Loss(corpus.TrainBatch(step, s.BatchSize, seed + 1, device), noise).Loss, options, curve);
        if (curveFile is not null)
        {
            if (reuse) curve.Load(curveFile);
            else curve.Save(curveFile);
        }

        var projections = new[] { model.Denoiser.InputUp, model.Denoiser.TimeMlp, model.Denoiser.OutputDown }
            .SelectMany(p => new[] { p.First, p.Second }).ToList();
        long floatBytes = projections.Sum(l => l.Weight.NumEl * sizeof(float));
        long bytes = floatBytes;
        if (variant.Quantizer is not null)
        {
            string path = ResultPaths.Resolve(Path.Combine("qe-cdlm", ResultPaths.Slug(variant.Name) + ".safetensors"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            bytes = QuantizedExport.Save(path, QeCdlm.QuantizedProjections(model.Denoiser));
        }
        var moved = QeCdlm.QuantizedProjections(model.Denoiser).Select(kv =>
        {
            var (w0, q0) = before[kv.Key];
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.NoGrad();
            var q1 = kv.Value.QuantizedWeight();
            double relative = ((kv.Value.Weight - w0).Pow(2).Sum().Sqrt() / w0.Pow(2).Sum().Sqrt()).Item();   // ‖W − W₀‖ / ‖W₀‖
            double flipped = q1.Ne(q0).To(DType.Float32).Mean().Item();                                             // share of q(W) ≠ q(W₀)
            w0.Dispose();
            q0.Dispose();
            return new WeightMovement(kv.Key, relative, flipped);
        }).ToList();
        long trainable = model.ParameterCount(trainableOnly: true);
        return new QeCdlmResult(variant, new TrainedModel<DiffusionLM>(model, result), curve.Points,
            trainable, adapters.Sum(a => a.A.NumEl + a.B.NumEl), model.ParameterCount(), bytes, floatBytes, moved);
    }

    /// <summary>
    /// SHA-256 (hex) of the quantised projection weights q(W) the forward pass uses: with <see cref="GenerationCache.Fingerprint"/>
    /// of the float weights, it identifies what a variant computes, so two variants that compute the same function
    /// (fixed-point settings whose clamp no weight reaches) share their cached generations.
    /// </summary>
    public static string QuantisedFingerprint(DiffusionLM model)
    {
        using var scope = torch.NewDisposeScope();
        return GenerationCache.Fingerprint(QeCdlm.QuantizedProjections(model.Denoiser).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.QuantizedWeight())));
    }

    /// <summary>The word vectors as the transformer sees them, InputUp(EMB(w)) [V, D]: what quantising the input projection changes.</summary>
    public static Tensor ProjectedEmbeddings(DiffusionLM model)
    {
        using var noGrad = torch.NoGrad();
        return model.Denoiser.InputUp.Forward(model.Embeddings);
    }
}
