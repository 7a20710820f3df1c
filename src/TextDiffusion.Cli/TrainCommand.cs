using System.CommandLine;
using System.Runtime.InteropServices;
using Spectre.Console;
using TextDiffusion.Data;
using TextDiffusion.Experiments;
using TextDiffusion.Training;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td train --model diffusion-lm|mdlm|difformer|lm --out DIR [--data FILE [FILE]]</c>: trains a model on the user's
/// text (one sentence or document per line; for difformer a TSV of source TAB target, or a source and a target file),
/// or on E2E when <c>--data</c> is absent (not for difformer). The tokenizer is built from the data and saved beside the
/// checkpoint, which is written every 250 steps and when Ctrl-C stops the run; <c>--resume</c> continues from it with
/// the same batches and noise as an uninterrupted run. The profile's sizes can be overridden by flags.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var model = new Option<string>("--model")
        {
            Description = "What to train: diffusion-lm (continuous diffusion on word embeddings), mdlm (masked diffusion; also trains EDLM's AR energy), difformer (seq2seq embedding diffusion) or lm (causal transformer LM).",
            DefaultValueFactory = _ => ModelStore.DiffusionLm,
        };
        model.AcceptOnlyFromAmong(ModelStore.DiffusionLm, ModelStore.Mdlm, ModelStore.Difformer, ModelStore.Lm);
        var output = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the checkpoint, model.json and tokenizer.json.", Required = true };
        var data = new Option<FileInfo[]>("--data")
        {
            Description = "Your text: one file with a sentence or document per line; for difformer a TSV (source<TAB>target) or two parallel files (source, target). Default: E2E.",
            AllowMultipleArgumentsPerToken = true,
            Arity = new ArgumentArity(1, 2),
        };
        data.AcceptExistingOnly();
        var steps = Positive("--steps", "Training steps.");
        var dim = Positive("--dim", "Model width.");
        var layers = Positive("--layers", "Transformer layers.");
        var batch = Positive("--batch-size", "Sentences per step.");
        var length = Positive("--length", "Tokens per row (sentence families) or per side (difformer).");
        var minCount = Positive("--min-count", "Words seen fewer times become UNK (sentence families).");
        var energySteps = new Option<int?>("--energy-steps") { Description = "mdlm: steps of EDLM's AR energy, trained after MDLM (default: --steps; 0 skips it)." };
        var learningRate = new Option<double?>("--lr") { Description = "Peak learning rate." };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --out." };
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("train", "Train a Diffusion-LM, MDLM, Difformer or LM on your text (or E2E), with checkpoints that resume.")
        {
            model, output, data, steps, dim, layers, batch, length, minCount, energySteps, learningRate, resume, profile, device, seed,
        };
        command.SetAction(parse =>
        {
            // Ctrl-C (SIGINT) or SIGTERM stops the run after the current step; the trainer then saves its checkpoint.
            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            var cancel = stop.Token;
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var defaults = UserModelSizes.For(p);
            int n = parse.GetValue(steps) ?? defaults.Steps;
            var sizes = new UserModelSizes(n, parse.GetValue(dim) ?? defaults.ModelDim, parse.GetValue(layers) ?? defaults.Layers,
                parse.GetValue(batch) ?? defaults.BatchSize, parse.GetValue(length) ?? defaults.SequenceLength, parse.GetValue(learningRate) ?? defaults.LearningRate,
                parse.GetValue(minCount) ?? defaults.MinCount, parse.GetValue(energySteps) ?? n);
            string dir = parse.GetValue(output)!.FullName;
            string kind = parse.GetValue(model)!;
            bool doResume = parse.GetValue(resume);
            if (doResume && !Checkpoint.Exists(dir))
                throw new UserError($"--resume: {dir} holds no checkpoint to resume (trainer.json is missing); train without --resume first");
            var files = parse.GetValue(data) ?? [];
            TrainingResult result;
            if (kind == ModelStore.Difformer)
            {
                var pairs = files.Length switch
                {
                    0 => throw new UserError("--model difformer needs --data: a TSV of source<TAB>target lines, or a source file and a target file"),
                    1 => UserText.ReadPairs(files[0].FullName),
                    _ => UserText.ReadPairs(files[0].FullName, files[1].FullName),
                };
                console.MarkupLineInterpolated($"{pairs.Count:N0} pairs from {string.Join(" + ", files.Select(f => f.Name))}; profile {p}; {n} steps → {dir}");
                result = TrainingDisplay.Run(console, kind, n, progress => UserModels.TrainPairs(pairs, sizes, dir, doResume, parse.GetValue(seed), progress, cancel));
            }
            else
            {
                if (files.Length > 1) throw new UserError($"--model {kind} takes one --data file (a sentence or document per line), got {files.Length}");
                var lines = files.Length == 1 ? UserText.ReadLines(files[0].FullName) : E2eSplit.FromDiffusionLmFiles().Train.Select(e => e.Text).ToList();
                console.MarkupLineInterpolated($"{lines.Count:N0} lines from {(files.Length == 1 ? files[0].Name : "E2E")}; profile {p}; {n} steps → {dir}");
                result = TrainingDisplay.Run(console, kind, n, progress => UserModels.TrainSentences(kind, lines, sizes, dir, doResume, parse.GetValue(seed),
                    progress, new ProgressCallback(e => console.WriteLine($"energy: {e}")), cancel));
            }
            if (cancel.IsCancellationRequested)
                console.MarkupLineInterpolated($"[yellow]stopped[/] at step {result.FinalStep} of {n}; checkpoint saved in {dir}. Continue with the same command and --resume.");
            else
                console.MarkupLineInterpolated($"done: step {result.FinalStep}, final loss {result.FinalLoss:F4}, {result.WallSeconds:F1} s in total; checkpoint in {dir}");
            return 0;
        });
        return command;
    }

    static Option<int?> Positive(string name, string description)
    {
        var option = new Option<int?>(name) { Description = $"{description} (default: the profile's)" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is <= 0 and var v) r.AddError($"{name} must be a positive integer, got {v}.");
        });
        return option;
    }
}
