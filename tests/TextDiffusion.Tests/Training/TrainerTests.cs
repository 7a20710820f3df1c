using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;

namespace TextDiffusion.Tests.Training;

[Collection(GlobalRandomStateCollection.Name)]
public class TrainerTests
{
    static TransformerLM Lm() => new(new TransformerLMConfig(20, MaxLength: 8, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0.1));

    // A batch that depends only on the step, as the experiments' batches do.
    static Tensor Batch(int step)
    {
        using var gen = new Generator((ulong)step);
        return torch.RandInt(1, 20, [4, 8], generator: gen);
    }

    [Fact]
    public void ACommittedFinishedRunIsReusedWithoutItsOptimiserStateAndAnUnfinishedOneIsNot()
    {
        using var temp = new Data.TempFolder();
        string repo = temp.PathOf("repo"), results = temp.PathOf("results");
        string committed = Path.Combine(repo, "checkpoints", "cpu", "teacher"), target = Path.Combine(results, "checkpoints", "cpu", "teacher");
        torch.ManualSeed(0);
        using var trained = Lm();
        Trainer.Run(trained, step => trained.Loss(Batch(step)), new TrainingOptions(6, 1e-2, Seed: 3, LogEvery: 2).CheckpointedIn(committed));
        File.Delete(Path.Combine(committed, "optimizer.pt"));   // as committed: weights and trainer.json only

        Assert.True(PretrainedCheckpoints.TrySeed(target, results, repo));
        Assert.False(PretrainedCheckpoints.TrySeed(target, results, repo));   // already there
        Assert.False(PretrainedCheckpoints.TrySeed(Path.Combine(results, "tables", "x"), results, repo));   // not a checkpoint path
        torch.ManualSeed(123);
        using var reused = Lm();
        var again = Trainer.Run(reused, step => reused.Loss(Batch(step)), new TrainingOptions(6, 1e-2, Seed: 3, LogEvery: 2).CheckpointedIn(target));
        Assert.Equal(0, again.StepsRun);
        Assert.Equal(trained.Parameters().Select(p => p.ToArray<float>()), reused.Parameters().Select(p => p.ToArray<float>()));

        using var longer = Lm();
        var error = Assert.Throws<InvalidDataException>(() =>
            Trainer.Run(longer, step => longer.Loss(Batch(step)), new TrainingOptions(10, 1e-2, Seed: 3, LogEvery: 2).CheckpointedIn(target)));
        Assert.Equal($"{target} holds no optimizer.pt: only a finished run (step 6 of 10) can be reused without it", error.Message);
    }

    [Fact]
    public void ResumingFromACheckpointMatchesAnUninterruptedRun()
    {
        string dir = Path.Combine(Path.GetTempPath(), "td-resume-" + Guid.NewGuid().ToString("N"));
        try
        {
            torch.ManualSeed(0);
            using var straight = Lm();
            var full = Trainer.Run(straight, step => straight.Loss(Batch(step)), new TrainingOptions(20, 1e-2, Seed: 3, LogEvery: 5));

            // The same 20-step run, interrupted after step 10 (as Ctrl-C would), which saves a checkpoint.
            torch.ManualSeed(0);
            using var first = Lm();
            using var interrupt = new CancellationTokenSource();
            var stopAtTen = new StopAt(10, interrupt);
            var half = Trainer.Run(first, step => first.Loss(Batch(step)),
                new TrainingOptions(20, 1e-2, Seed: 3, LogEvery: 5, CheckpointDir: dir), stopAtTen, cancel: interrupt.Token);
            Assert.Equal(10, half.FinalStep);
            Assert.True(Checkpoint.Exists(dir));

            torch.ManualSeed(123); // a different initialisation: everything must come from the checkpoint
            using var resumed = Lm();
            var rest = Trainer.Run(resumed, step => resumed.Loss(Batch(step)),
                new TrainingOptions(20, 1e-2, Seed: 3, LogEvery: 5, CheckpointDir: dir, Resume: true));
            Assert.Equal(10, rest.StepsRun);
            Assert.Equal(full.LossCurve.Select(c => c.Step), rest.LossCurve.Select(c => c.Step));
            using var scope = torch.NewDisposeScope();
            foreach (var ((name, a), (_, b)) in straight.NamedParameters().Zip(resumed.NamedParameters()))
                Assert.True((a - b).Abs().Max().Item() < 1e-6, $"{name} differs after resume by {(a - b).Abs().Max().Item()}");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheWallTimeCapCountsTheTimeOfTheRunsBeingResumed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "td-cap-" + Guid.NewGuid().ToString("N"));
        try
        {
            torch.ManualSeed(0);
            using var first = Lm();
            using var interrupt = new CancellationTokenSource();
            var half = Trainer.Run(first, step => first.Loss(Batch(step)), new TrainingOptions(20, 1e-2, Seed: 3, LogEvery: 5).CheckpointedIn(dir),
                new StopAt(10, interrupt), cancel: interrupt.Token);
            Assert.Equal(10, half.FinalStep);
            // A rerun whose cap is below the time already spent stops at once, and keeps the stored time.
            using var second = Lm();
            var rerun = Trainer.Run(second, step => second.Loss(Batch(step)),
                new TrainingOptions(20, 1e-2, Seed: 3, LogEvery: 5, MaxWallSeconds: half.WallSeconds / 2).CheckpointedIn(dir));
            Assert.Equal((0, 10, half.WallSeconds), (rerun.StepsRun, rerun.FinalStep, rerun.WallSeconds));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CheckpointedInSetsTheFolderTheCadenceAndResumeTogether()
    {
        var plain = new TrainingOptions(100, Seed: 5);
        Assert.Equal((0, null, false), (plain.CheckpointedIn(null).CheckpointEvery, plain.CheckpointedIn(null).CheckpointDir, plain.CheckpointedIn(null).Resume));
        var kept = plain.CheckpointedIn("ckpt");
        Assert.Equal((250, "ckpt", true), (kept.CheckpointEvery, kept.CheckpointDir, kept.Resume));
        Assert.False(plain.CheckpointedIn("ckpt", resume: false).Resume);
        Assert.Equal(plain with { CheckpointEvery = 250, CheckpointDir = "ckpt", Resume = true }, kept);
    }

    sealed class StopAt(int step, CancellationTokenSource source) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress p)
        {
            if (p.Step >= step) source.Cancel();
        }
    }

    [Fact]
    public void ANonFiniteLossStopsWithAClearError()
    {
        using var model = Lm();
        var error = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Run(model, _ => torch.Full([], double.NaN).Add(model.Parameters().First().Sum()), new TrainingOptions(3)));
        Assert.Contains("loss became NaN at step 0", error.Message);
    }
}
