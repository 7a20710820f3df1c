using System.Diagnostics;
using Torch;
using Torch.Nn;
using Torch.Optim;

namespace TextDiffusion.Training;

/// <summary>
/// The training loop every model shares. Each step: reseed (so a resumed run draws the same noise
/// and dropout as an uninterrupted one), compute the loss, backward, clip, AdamW, EMA, inside one
/// dispose scope so native memory stays flat. The learning rate follows TrainingOptions.Schedule.
/// </summary>
public static class Trainer
{
    /// <param name="loss">Builds the batch for a step and returns the scalar loss to minimise.</param>
    public static TrainingResult Run(Module model, Func<int, Tensor> loss, TrainingOptions o,
        IProgress<TrainingProgress>? progress = null, ExponentialMovingAverage? ema = null, CancellationToken cancel = default)
    {
        using var optimizer = new AdamW(model.TrainableParameters(), lr: o.LearningRate, weightDecay: o.WeightDecay);
        var schedule = o.Schedule ?? new LinearDecaySchedule(o.Steps, o.WarmupSteps);
        var curve = new List<(int, double)>();
        int start = 0;
        double previousWall = 0;
        if (o.Resume && o.CheckpointDir is { } dir && (Checkpoint.Exists(dir) || PretrainedCheckpoints.TrySeed(dir)))
            (start, curve, previousWall) = Checkpoint.Load(dir, model, optimizer, ema, o.Steps);

        model.Train();
        var clock = Stopwatch.StartNew();
        double windowLoss = 0;
        int windowSteps = 0, step = start;
        var windowClock = Stopwatch.StartNew();
        for (; step < o.Steps; step++)
        {
            if (cancel.IsCancellationRequested || (o.MaxWallSeconds is { } max && previousWall + clock.Elapsed.TotalSeconds > max)) break; // the cap counts resumed runs too
            using (var scope = torch.NewDisposeScope())
            {
                torch.ManualSeed(o.Seed * 1_000_003UL + (ulong)step);
                schedule.Apply(optimizer, o.LearningRate, step);
                var value = loss(step);
                optimizer.ZeroGrad();
                value.Backward();
                if (o.GradClipNorm > 0) optimizer.ClipGradNorm(o.GradClipNorm);
                optimizer.Step();
                ema?.Update();
                double l = value.Item();
                if (!double.IsFinite(l)) throw new InvalidOperationException($"loss became {l} at step {step}; lower the learning rate or check the data");
                windowLoss += l;
                windowSteps++;
            }
            bool last = step + 1 == o.Steps;
            if ((step + 1) % o.LogEvery == 0 || last)
            {
                curve.Add((step + 1, windowLoss / windowSteps));
                progress?.Report(new TrainingProgress(step + 1, o.Steps, windowLoss / windowSteps, optimizer.LearningRate,
                    windowSteps / windowClock.Elapsed.TotalSeconds, clock.Elapsed));
                windowLoss = 0;
                windowSteps = 0;
                windowClock.Restart();
            }
            if (o.CheckpointDir is { } cdir && o.CheckpointEvery > 0 && (step + 1) % o.CheckpointEvery == 0)
                Checkpoint.Save(cdir, model, optimizer, ema, step + 1, curve, previousWall + clock.Elapsed.TotalSeconds);
        }
        if (windowSteps > 0) curve.Add((step, windowLoss / windowSteps)); // stopped early, between logs
        double wall = previousWall + (step > start ? clock.Elapsed.TotalSeconds : 0);   // the same in the result and the checkpoint
        if (o.CheckpointDir is { } finalDir && step > start && (o.CheckpointEvery == 0 || step % o.CheckpointEvery != 0))
            Checkpoint.Save(finalDir, model, optimizer, ema, step, curve, wall);
        model.Eval();
        return new TrainingResult(curve, step - start, step, wall);
    }
}
