using TextDiffusion.Models;
using TextDiffusion.Training;
using Torch;
using Torch.Optim;

namespace TextDiffusion.Tests.Training;

[Collection(GlobalRandomStateCollection.Name)]
public class TrainerScheduleTests
{
    sealed class Recorder : IProgress<TrainingProgress>
    {
        public List<(int Step, double Lr)> Seen { get; } = [];
        public void Report(TrainingProgress value) => Seen.Add((value.Step, value.LearningRate));
    }

    [Fact]
    public void TheScheduleOptionSetsTheLearningRateOfEveryStep()
    {
        // TrainingOptions.Schedule replaces the default linear decay: here Difformer's inverse-sqrt warm-up.
        torch.ManualSeed(0);
        using var lm = new TransformerLM(new TransformerLMConfig(12, MaxLength: 6, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32));
        var schedule = new InverseSqrtSchedule(4);
        var recorder = new Recorder();
        using var gen = new Generator(1);
        var batch = torch.RandInt(1, 12, [2, 6], generator: gen);
        Trainer.Run(lm, _ => lm.Loss(batch), new TrainingOptions(12, 0.1, LogEvery: 1) { Schedule = schedule }, recorder);
        Assert.Equal(12, recorder.Seen.Count);
        foreach (var (step, lr) in recorder.Seen) Assert.Equal(0.1 * schedule.Factor(step - 1), lr, 12);
        Assert.True(recorder.Seen[3].Lr > recorder.Seen[11].Lr);   // warm-up peak at step 4, then ∝ 1/√step
    }
}
