using TextDiffusion.Control;
using TextDiffusion.Experiments;

namespace TextDiffusion.Tests.Experiments;

public sealed class ControlExperimentSettingsTests
{
    [Fact]
    public void Every_profile_uses_the_papers_lambda()
    {
        foreach (var profile in new[] { Profile.Smoke, Profile.Cpu, Profile.Paper })
        {
            var settings = ControlExperimentSettings.For(profile);
            foreach (var task in Enum.GetValues<ControlTask>())
                Assert.Equal(ControlExperimentSettings.PaperLambda[task], settings.LambdaFor(task));
        }
        Assert.Equal(1e-4, ControlExperimentSettings.For(Profile.Cpu).LambdaFor(ControlTask.Pos));
    }

    [Fact]
    public void Lambda_takes_part_in_equality_but_settings_still_print_without_it()
    {
        var smoke = ControlExperimentSettings.For(Profile.Smoke);
        var tuned = smoke with { Lambda = Enum.GetValues<ControlTask>().ToDictionary(t => t, _ => 0.5) };

        Assert.NotEqual(smoke, tuned);
        Assert.Equal(0.5, tuned.LambdaFor(ControlTask.Tree));
        Assert.DoesNotContain("Dictionary", tuned.ToString(), StringComparison.Ordinal);
    }
}
