namespace TextDiffusion.Tests.Reporting;

public sealed class ProfileTests
{
    [Theory]
    [InlineData("smoke", "smoke")]
    [InlineData("CPU", "cpu")]
    [InlineData(" paper ", "paper")]
    public void Parses_names_case_insensitively(string text, string expected) =>
        Assert.Equal(expected, Profile.Parse(text).Name);

    [Fact]
    public void A_bad_name_lists_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Profile.Parse("gpu"));
        Assert.Contains("'gpu' is not a profile", error.Message, StringComparison.Ordinal);
        Assert.Contains("Valid values: smoke, cpu, paper.", error.Message, StringComparison.Ordinal);
        Assert.False(Profile.TryParse("gpu", out _));
    }

    [Fact]
    public void Current_reads_TD_PROFILE_each_time_and_defaults_to_cpu()
    {
        var saved = Environment.GetEnvironmentVariable(Profile.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Profile.EnvironmentVariable, null);
            Assert.Same(Profile.Cpu, Profile.Current);

            Environment.SetEnvironmentVariable(Profile.EnvironmentVariable, "smoke");
            Assert.Same(Profile.Smoke, Profile.Current);

            Environment.SetEnvironmentVariable(Profile.EnvironmentVariable, "huge");
            var error = Assert.Throws<InvalidOperationException>(() => Profile.Current);
            Assert.Contains("TD_PROFILE='huge'", error.Message, StringComparison.Ordinal);
            Assert.Contains("smoke, cpu, paper", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Profile.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void Pick_selects_the_setting_of_the_profile()
    {
        Assert.Equal(10, Profile.Smoke.Pick(10, 1_000, 100_000));
        Assert.Equal(1_000, Profile.Cpu.Pick(10, 1_000, 100_000));
        Assert.Equal(100_000, Profile.Paper.Pick(10, 1_000, 100_000));
        Assert.Equal(["smoke", "cpu", "paper"], Profile.All.Select(p => p.ToString()));
    }
}
