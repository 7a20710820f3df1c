using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Reporting;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td ablate-diffusion-lm --steps N</c>: notebook 01's six ablations of the paper's recipe trained N steps each, measured with
/// the notebook's sampler and teacher, and its six ablation claims tested at that budget, written to
/// <c>&lt;out&gt;/01-diffusion-lm/claims.csv</c>. With <c>--train-only --part K --parts P</c>, P processes share the training
/// (round robin, each model's checkpoint in notebook 01's folder); a last run without <c>--train-only</c> reuses them all.
/// Notebook 01 affords 1,200 steps on 2 cores; its section 12 measures that its reference needs 14,000 (the main model's
/// budget) to come within 2× of the main model's lm-score, which fits a GPU lease (bench/gpu.sh ablations).
/// </summary>
internal static class AblateDiffusionLmCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var steps = CommonOptions.Positive("--steps", 14_000, "Training steps of the reference and of each ablation (default 14,000: the cpu main model's budget).");
        var (part, parts) = CommonOptions.Parts("With --train-only: ", "the models");
        var trainOnly = new Option<bool>("--train-only") { Description = "Train (or resume) this part's models and stop; a run without it measures them all." };
        var seed = CommonOptions.Seed();
        var output = ClaimsOutput.Option("01-diffusion-lm");
        var profile = CommonOptions.Profile();
        var device = CommonOptions.Device();
        var command = new Command("ablate-diffusion-lm",
            "Train notebook 01's six Diffusion-LM ablations at a given budget and test their claims (several processes can share the training).")
        {
            steps, seed, part, parts, trainOnly, output, profile, device,
        };
        CommonOptions.ValidateParts(command, part, parts);
        command.SetAction(parse =>
        {
            var p = CommonOptions.Apply(parse.GetValue(profile), parse.GetValue(device));
            var s = DiffusionLmSettings.For(p);
            int n = parse.GetValue(steps);
            ulong trainingSeed = parse.GetValue(seed);
            string Checkpoints(string name) => ResultPaths.Resolve(Path.Combine("checkpoints", p.Name, name));
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var corpus = E2eCorpus.Load(s.SequenceLength, s.MinCount);
            var paper = DiffusionLmAblations.PaperRecipe(corpus, s);
            var ablations = DiffusionLmAblations.All(paper);
            var models = new List<(string Name, DiffusionLMConfig Config, string Checkpoint)>
                { ($"paper recipe, {n} steps", paper, DiffusionLmAblations.ReferenceCheckpoint(s, n, trainingSeed)) };
            models.AddRange(ablations.Select(a => (a.Name, a.Config, DiffusionLmAblations.Checkpoint(a, n, trainingSeed))));
            console.MarkupLineInterpolated($"profile {p}, device {Compute.Device}, libtorch {torch.Version}: {models.Count} models × {n} steps, seed {trainingSeed} → {Checkpoints("ablations")}");

            if (parse.GetValue(trainOnly))
            {
                int k = parse.GetValue(part), count = parse.GetValue(parts);
                foreach (var m in models.Where((_, i) => i % count == k))
                {
                    var trained = DiffusionLmExperiment.TrainDiffusionLm(corpus, m.Config, s, trainingSeed, new ConsoleProgress(m.Name, 8),
                        checkpointDir: Checkpoints(m.Checkpoint), resume: true, steps: n);
                    console.MarkupLineInterpolated($"  {m.Name}: {trained.Training.StepsRun} steps in this run, {trained.Training.WallSeconds:F0} s in all");
                }
                console.MarkupLineInterpolated($"done: part {k} of {count} in {clock.Elapsed.TotalSeconds:F1} s");
                return 0;
            }

            var teacher = DiffusionLmExperiment.TrainLm(corpus, DiffusionLmExperiment.TeacherConfig(corpus, s), s.TeacherSteps, s.BatchSize, 1e-3, seed: 100,
                progress: new ConsoleProgress("teacher", 4), checkpointDir: Checkpoints("teacher"), resume: true);
            var results = models.Select(m => DiffusionLmExperiment.RunVariant(m.Name, corpus, m.Config, s, teacher.Model, trainingSeed, steps: n,
                checkpointDir: Checkpoints(m.Checkpoint))).ToList();
            var reference = results[0];
            var table = new ResultTable($"Diffusion-LM ablations on E2E, {n} training steps, seed {trainingSeed} ({p.Name} sizes, {Compute.Device})",
                    "Variant", "lm-score ↓", "degenerate ↓", "distinct-2", "train time")
                .AddRows(results.Select(r => new object?[] { r.Name, r.Quality.LmScore, r.Quality.Degenerate, $"{r.Quality.Distinct2:F3}", $"{r.TrainSeconds:F0} s" }));
            parse.InvocationConfiguration.Output.Write(table.ToMarkdown());

            var claims = new ClaimSheet("01-diffusion-lm", $"{p.Name}, ablations at {n} steps{(trainingSeed == 0 ? "" : $", seed {trainingSeed}")}, {Compute.Device}, libtorch {torch.Version}");
            claims.AddRange(ablations.Select((a, i) => DiffusionLmAblations.Compare(a, reference, results[i + 1])));
            ClaimsOutput.Write(parse, output, console, table, "ablations", claims, clock.Elapsed);
            return 0;
        });
        return command;
    }
}
