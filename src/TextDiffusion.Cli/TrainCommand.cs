using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;
using TextDiffusion.Training;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td train --model diffusion-lm|lm --out DIR</c>: trains on E2E at the profile's size, checkpointing
/// every 250 steps (atomically) into DIR; <c>--resume</c> continues from DIR's last checkpoint with
/// the same batches and noise as an uninterrupted run.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model")
        {
            Description = $"What to train: {ModelStore.DiffusionLm} (continuous diffusion on word embeddings) or {ModelStore.Lm} (causal transformer LM).",
            DefaultValueFactory = _ => ModelStore.DiffusionLm,
        };
        model.AcceptOnlyFromAmong(ModelStore.DiffusionLm, ModelStore.Lm);
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the checkpoint, model.json and tokenizer.json.", Required = true };
        var steps = new Option<int?>("--steps") { Description = "Training steps (default: the profile's)." };
        steps.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0 and var v) r.AddError($"--steps must be a positive integer, got {v}.");
        });
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out." };
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("train", "Train a Diffusion-LM or a transformer LM on E2E with checkpoints that resume.")
        {
            model, output, steps, resume, profile, device, seed,
        };
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var s = DiffusionLmSettings.For(p);
            int n = parse.GetValue(steps) ?? s.Steps;
            string dir = parse.GetValue(output)!.FullName;
            string kind = parse.GetValue(model)!;
            bool doResume = parse.GetValue(resume);
            if (doResume && !Checkpoint.Exists(dir))
            {
                console.MarkupLineInterpolated($"[red]error:[/] --resume: no checkpoint in {dir} (trainer.json missing)");
                return 1;
            }
            var corpus = E2eCorpus.Load(s.SequenceLength, s.MinCount);
            console.MarkupLineInterpolated($"E2E: {corpus.TrainSentences.Count} training sentences, vocabulary {corpus.VocabSize}; profile {p}; {n} steps → {dir}");
            TrainingResult result;
            if (kind == ModelStore.DiffusionLm)
            {
                var config = DiffusionLmExperiment.Config(corpus, s);
                ModelStore.SaveSpec(dir, kind, config, corpus.Tokenizer);
                result = TrainingDisplay.Run(console, "diffusion-lm", n, progress =>
                {
                    var trained = DiffusionLmExperiment.TrainDiffusionLm(corpus, config, s, parse.GetValue(seed), progress, dir, doResume, n);
                    trained.Model.Dispose();
                    return trained.Training;
                });
            }
            else
            {
                var config = DiffusionLmExperiment.TeacherConfig(corpus, s);
                ModelStore.SaveSpec(dir, kind, config, corpus.Tokenizer);
                result = TrainingDisplay.Run(console, "lm", n, progress =>
                {
                    var trained = DiffusionLmExperiment.TrainLm(corpus, config, n, s.BatchSize, s.LearningRate, parse.GetValue(seed), progress, dir, doResume);
                    trained.Model.Dispose();
                    return trained.Training;
                });
            }
            console.MarkupLineInterpolated($"done: step {result.FinalStep}, final loss {result.FinalLoss:F4}, {result.WallSeconds:F1} s in total; checkpoint in {dir}");
            return 0;
        });
        return command;
    }
}
