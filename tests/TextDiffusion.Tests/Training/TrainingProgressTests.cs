using TextDiffusion.Training;
using Xunit;

namespace TextDiffusion.Tests.Training;

public class TrainingProgressTests
{
    [Theory]
    [InlineData(0, 10, 1.0, "0:10")]         // 10 s
    [InlineData(0, 600, 1.0, "10:00")]       // 10 min
    [InlineData(1165, 14000, 3.3, "1:04:49")] // 3,889.4 s: over an hour keeps its hours
    public void EtaTextKeepsWholeHours(int step, int total, double stepsPerSecond, string expected)
    {
        var progress = new TrainingProgress(step, total, Loss: 0.5, LearningRate: 1e-3, stepsPerSecond, TimeSpan.Zero);
        Assert.Equal(expected, progress.EtaText);
        Assert.EndsWith($"eta {expected}", progress.ToString());
    }
}
