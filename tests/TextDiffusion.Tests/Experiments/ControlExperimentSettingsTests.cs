using TextDiffusion.Control;
using TextDiffusion.Experiments;

namespace TextDiffusion.Tests.Experiments;

public sealed class ControlExperimentSettingsTests
{
    [Fact]
    public void The_paper_profile_uses_the_papers_lambda_and_cpu_its_own()
    {
        var paper = ControlExperimentSettings.For(Profile.Paper);
        var cpu = ControlExperimentSettings.For(Profile.Cpu);

        foreach (var task in Enum.GetValues<ControlTask>())
        {
            Assert.Equal(ControlExperimentSettings.PaperLambda[task], paper.LambdaFor(task));
            Assert.Equal(ControlExperimentSettings.CpuLambda[task], cpu.LambdaFor(task));
        }

        Assert.Equal(0.05, cpu.LambdaFor(ControlTask.Semantic));
        Assert.Equal(1e-4, paper.LambdaFor(ControlTask.Pos));
    }

    [Fact]
    public void Lambda_takes_part_in_equality_but_settings_still_print_without_it()
    {
        var smoke = ControlExperimentSettings.For(Profile.Smoke);
        var tuned = smoke with { Lambda = ControlExperimentSettings.CpuLambda };

        Assert.NotEqual(smoke, tuned);
        Assert.DoesNotContain("Dictionary", tuned.ToString(), StringComparison.Ordinal);
    }
}
