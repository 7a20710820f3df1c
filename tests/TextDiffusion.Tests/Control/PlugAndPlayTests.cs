using TextDiffusion.Control;
using TextDiffusion.Diffusion;
using TextDiffusion.Models;
using Torch;

namespace TextDiffusion.Tests.Control;

[Collection(GlobalRandomStateCollection.Name)]
public class PlugAndPlayTests
{
    static DenoiserConfig Net(int length = 6) => new(EmbeddingDim: 4, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, MaxLength: length, Dropout: 0);

    [Fact]
    public void ControlStepIncreasesLogProbabilityOfTheTarget()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var classifier = new TagClassifier(Net(), classes: 5);
        classifier.Eval();
        classifier.RequiresGrad_(false);
        var diffusion = GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10);
        using var gen = new Generator(4);
        var x = torch.Randn([2, 6, 4], generator: gen);
        var target = torch.Tensor(new long[] { 1, 3, 4, 4, 2, 0, 1, 3, 3, 2, 0, 0 }, [2, 6]);
        var objective = PlugAndPlay.Objective(classifier, target);
        var hook = PlugAndPlay.Hook(diffusion, objective, new ControlSettings(Lambda: 0.0, Iterations: 3, LearningRate: 0.1, SkipLastSteps: 1));
        const int step = 5;
        var modelTime = diffusion.ModelTime(torch.Full([2], step - 1, DType.Int64));
        var logVariance = torch.Full([2, 6, 4], Math.Log(diffusion.PosteriorVariance[step]));

        double before;
        using (torch.NoGrad()) before = objective(x, modelTime).Sum().Item();
        var moved = hook(x, x, logVariance, step);
        double after;
        using (torch.NoGrad()) after = objective(moved, modelTime).Sum().Item();

        Assert.True(after > before + 0.01, $"log p(c | x) {before:F4} → {after:F4} after 3 Adagrad steps");
        // Adagrad's first step moves each coordinate by about lr; three steps by at most 3·lr.
        double change = (moved - x).Abs().Max().Item();
        Assert.InRange(change, 0.05, 0.3 + 1e-6);
        Assert.False(moved.RequiresGrad);
    }

    [Fact]
    public void EachUpdateIsAFreshAdagradStepOfLrTowardThePosteriorMeanAndLastStepsAreLeftAlone()
    {
        using var scope = torch.NewDisposeScope();
        var diffusion = GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10);
        var x = torch.Ones([1, 3, 2]);
        var mean = torch.Zeros([1, 3, 2]);
        var logVariance = torch.Zeros([1, 3, 2]);
        ControlObjective nothing = (v, _) => v.Sum([1, 2]) * 0.0;
        var hook = PlugAndPlay.Hook(diffusion, nothing, new ControlSettings(Lambda: 1.0, Iterations: 3, LearningRate: 0.1, SkipLastSteps: 2));

        var moved = hook(x, mean, logVariance, step: 5);

        // A fresh Adagrad per update (the reference creates one per update): each moves x by lr·g/|g| = 0.1 toward μ.
        // One Adagrad kept across the three updates would shrink the second and third moves (by about √2 and √3).
        Assert.All(moved.ToArray<float>(), v => Assert.Equal(0.7, v, 1e-5));
        Assert.Same(x, hook(x, mean, logVariance, step: 1));                   // within the last two steps: untouched
    }

    [Fact]
    public void TheFluencyTermIsLambdaTimesSquaredDistanceOverTheStandardDeviation()
    {
        // One update, σ = 0.1, x − μ = 1, λ = 0.01 and a classifier whose log p(c | x) grows by 0.5 per unit of x:
        // d/dx [λ·(x − μ)²/σ − 0.5·x] = 0.01·2/0.1 − 0.5 = −0.3 < 0, so x moves up by lr. With the paper's
        // λ·(x − μ)²/(2σ²) the fluency gradient would be 0.01/0.01 = 1 > 0.5 and x would move down.
        using var scope = torch.NewDisposeScope();
        var diffusion = GaussianDiffusion.Create(ScheduleKind.Sqrt, 100).Respace(10);
        var x = torch.Ones([1, 1, 1]);
        var mean = torch.Zeros([1, 1, 1]);
        var logVariance = torch.Full([1, 1, 1], Math.Log(0.01));
        ControlObjective classifier = (v, _) => v.Sum([1, 2]) * 0.5;
        var hook = PlugAndPlay.Hook(diffusion, classifier, new ControlSettings(Lambda: 0.01, Iterations: 1, LearningRate: 0.1, SkipLastSteps: 1));

        var moved = hook(x, mean, logVariance, step: 5);

        Assert.Equal(1.1, moved.ToArray<float>()[0], 1e-5);
    }

    [Fact]
    public void SumOfObjectivesAddsLogProbabilities()
    {
        using var scope = torch.NewDisposeScope();
        ControlObjective a = (x, _) => x.Sum([1, 2]);
        ControlObjective b = (x, _) => x.Sum([1, 2]) * 2.0;
        var x = torch.Ones([2, 2, 2]);
        Assert.Equal([12f, 12f], PlugAndPlay.Sum(a, b)(x, torch.Zeros([2], DType.Int64)).ToArray<float>());
    }
}
