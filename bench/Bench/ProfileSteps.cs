using System.Diagnostics;
using TextDiffusion;
using TextDiffusion.Discrete;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
using Torch;
using Torch.Optim;

namespace Bench;

/// <summary>
/// Training steps of the three heaviest models of a profile, at the sizes that profile builds, on random tokens: the
/// Diffusion-LM denoiser on E2E (notebook 01), the Difformer (notebook 03) and EDLM's MDLM (notebook 04; its AR model
/// is the same transformer). One step = loss, backward, AdamW, as <see cref="TextDiffusion.Training.Trainer"/> takes
/// it. Prints the time per step and what the profile's step budget would take at that rate, so that a GPU lease can
/// say which paper-profile training fits in it. A batch of more than <see cref="MaxMicroTokens"/> tokens is timed as micro-batches
/// of at most that many and scaled (gradient accumulation costs about that many micro-steps; EDLM's 512 × 1024 tokens do not fit at once).
/// </summary>
internal static class ProfileSteps
{
    const int MaxMicroTokens = 32_768;

    /// <summary>Vocabulary sizes: the papers' (E2E 821 words, IWSLT14's 10K joint BPE, GPT-2's 50,257) or those notebooks 01, 03 and 04 print.</summary>
    static (int DiffusionLm, int Difformer, int Mdlm) Vocabularies(Profile profile) =>
        profile.Pick(smoke: (100, 200, 100), cpu: (704, 4109, 709), paper: (821, 10_000, 50_257));

    public static int Run(Profile profile, Device device, int steps)
    {
        Console.WriteLine($"libtorch {torch.Version}, device {device}, profile {profile.Name}, {steps} timed steps after 2 warm-up steps");
        var vocab = Vocabularies(profile);

        var dlm = DiffusionLmSettings.For(profile);
        Time("Diffusion-LM (E2E)", new DiffusionLM(DiffusionLmExperiment.Config(vocab.DiffusionLm, dlm)), dlm.BatchSize, dlm.SequenceLength, dlm.Steps, device, steps,
            (model, batch) => model.Loss(Tokens(vocab.DiffusionLm, batch, dlm.SequenceLength, device)).Loss);

        var dif = DifformerProfile.For(profile);
        const int pairLength = 32;   // IWSLT14 and Multi30k sentences are about 20-30 BPE tokens
        Time("Difformer", new Difformer(dif.Difformer(vocab.Difformer, DifformerModules.Full)), dif.BatchSize, pairLength, dif.Steps, device, steps,
            (model, batch) => model.Loss(Tokens(vocab.Difformer, batch, pairLength, device), Tokens(vocab.Difformer, batch, pairLength, device)).Total);

        var edlm = EdlmConfig.For(profile.Name);
        Time("MDLM (EDLM's base)", new MaskedDiffusionLM(new MaskedDiffusionLMConfig(vocab.Mdlm, edlm.SequenceLength, edlm.ModelDim, edlm.Layers,
                edlm.Heads, edlm.FeedForwardDim, edlm.Dropout)), edlm.BatchSize, edlm.SequenceLength, edlm.DiffusionSteps, device, steps,
            (model, batch) => model.Loss(Tokens(vocab.Mdlm, batch, edlm.SequenceLength, device)));
        return 0;
    }

    static Tensor Tokens(int vocab, int batch, int length, Device device) =>
        torch.RandInt(TextDiffusion.Text.SpecialTokens.Count, vocab, [batch, length], device);

    static void Time<TModel>(string name, TModel model, int batch, int length, int budget, Device device, int steps, Func<TModel, int, Tensor> loss)
        where TModel : Torch.Nn.Module
    {
        using var _ = model;
        model.To(device);
        model.Train();
        using var optimizer = new AdamW(model.Parameters(), lr: 1e-4);
        int micro = Math.Clamp(MaxMicroTokens / length, 1, batch);
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            var l = loss(model, micro);
            optimizer.ZeroGrad();
            l.Backward();
            optimizer.Step();
        }
        void Synchronize() { if (device.Type == DeviceType.Cuda) torch.cuda.Synchronize(Math.Max(device.Index, 0)); }

        for (int i = 0; i < 2; i++) Step();
        Synchronize();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step();
        Synchronize();
        double microMs = clock.Elapsed.TotalMilliseconds / steps;
        double stepMs = microMs * batch / micro;
        long parameters = model.Parameters().Sum(p => p.NumEl);
        Console.WriteLine(FormattableString.Invariant(
            $"{name}: {parameters / 1e6:F2} M parameters, batch {batch}{(micro < batch ? $" ({batch / micro} micro-batches of {micro})" : "")}: {stepMs:F1} ms / step; its {budget:N0} steps would take {Duration(stepMs * budget / 1000)}"));
    }

    static string Duration(double seconds) => FormattableString.Invariant(seconds switch
    {
        < 120 => $"{seconds:F0} s",
        < 7200 => $"{seconds / 60:F0} min",
        < 172_800 => $"{seconds / 3600:F1} h",
        _ => $"{seconds / 86_400:F1} days",
    });
}
