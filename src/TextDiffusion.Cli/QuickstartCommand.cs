using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td quickstart</c>: trains a small masked diffusion LM (MDLM) on E2E for about two minutes, prints its
/// samples, one sentence being denoised from all-MASK to text, and its quality beside the AR baseline's and the
/// human references'.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var steps = new Option<int?>("--steps") { Description = "MDLM's training steps (default: the profile's; cpu = 600, about two minutes). The AR baseline gets half." };
        steps.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0 and var v) r.AddError($"--steps must be a positive integer, got {v}.");
        });
        var seed = CommonOptions.Seed();
        var model = new Option<string>("--model")
        {
            Description = "mdlm (the default: masked diffusion) or diffusion-lm (continuous diffusion on word embeddings, the same size and time, for comparison).",
            DefaultValueFactory = _ => ModelStore.Mdlm,
        };
        model.AcceptOnlyFromAmong(ModelStore.Mdlm, ModelStore.DiffusionLm);
        var command = new Command("quickstart", "Train a small text diffusion model (MDLM) on E2E for about two minutes; show samples, denoising and quality.")
        {
            profile, device, steps, seed, model,
        };
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var settings = QuickstartSettings.For(p) with { Seed = parse.GetValue(seed) };
            if (parse.GetValue(steps) is { } n) settings = settings with { Steps = n, ArSteps = Math.Max(1, n / 2) };
            console.MarkupLineInterpolated($"[bold]TextDiffusion quick start[/]: a text diffusion model on E2E (profile {p}, {settings.Steps} steps + {settings.ArSteps} for the AR baseline, libtorch {Torch.torch.Version}, {Torch.torch.NumThreads} threads)");
            var corpus = Quickstart.Corpus(settings);
            console.MarkupLineInterpolated($"E2E: {corpus.TrainSentences.Count} training / {corpus.EvalSentences.Count} held-out sentences, vocabulary {corpus.VocabSize}");
            List<string> samples;
            string name;
            if (parse.GetValue(model) == ModelStore.DiffusionLm)
            {
                name = "Diffusion-LM";
                using var continuous = TrainingDisplay.Run(console, name, settings.Steps, progress => Quickstart.TrainDiffusionLm(corpus, settings, progress)).Model;
                samples = DiffusionLmExperiment.Sample(continuous, corpus, settings.Samples, steps: 200, clamp: true, settings.Seed + 1);
            }
            else
            {
                name = "MDLM";
                using var diffusion = TrainingDisplay.Run(console, name, settings.Steps, progress => Quickstart.TrainDiffusion(corpus, settings, progress)).Model;
                samples = SentenceMdlm.Sample(diffusion, corpus, settings.Samples, settings.SampleSteps, settings.Seed + 1);
                console.MarkupLine("[bold]one sentence, denoised from t = 1 (all masked) to 0:[/]");
                foreach (var (t, text) in SentenceMdlm.Denoising(diffusion, corpus, settings.SampleSteps, settings.Seed + 2))
                    console.MarkupLineInterpolated($"  t = {t:0.00}  {text}");
            }
            console.MarkupLineInterpolated($"[bold]{name} samples:[/]");
            foreach (var sample in samples.Take(8)) console.MarkupLineInterpolated($"  • {sample}");
            using var ar = TrainingDisplay.Run(console, "AR baseline", settings.ArSteps, progress => Quickstart.TrainAr(corpus, settings, progress)).Model;
            var arSamples = DiffusionLmExperiment.SampleLm(ar, corpus, settings.Samples, settings.Seed + 1);
            var table = Quickstart.Quality(corpus, [($"{name} samples", samples), ("AR baseline samples", arSamples),
                ("held-out human references", corpus.EvalSentences.Take(settings.Samples).ToList())]);
            console.WriteLine(table.ToMarkdown());
            return 0;
        });
        return command;
    }
}
