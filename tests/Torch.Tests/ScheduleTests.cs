using Torch.Optim;

namespace Torch.Tests;

/// <summary>Learning-rate schedules: the factor at the steps that define their shape (steps count from 0).</summary>
public class ScheduleTests
{
    const double Tol = 1e-15;

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 1.0)]
    [InlineData(1_000_000, 1.0)]
    public void Constant_without_warmup_is_one(long step, double expected) =>
        Assert.Equal(expected, new ConstantSchedule().Factor(step), Tol);

    [Theory]
    [InlineData(0, 0.25)]
    [InlineData(1, 0.5)]
    [InlineData(3, 1.0)]
    [InlineData(4, 1.0)]
    [InlineData(500, 1.0)]
    public void Constant_with_warmup_ramps_linearly_to_one(long step, double expected) =>
        Assert.Equal(expected, new ConstantSchedule(WarmupSteps: 4).Factor(step), Tol);

    [Theory]
    [InlineData(0, 0.1)]     // (0 + 1) / 10
    [InlineData(4, 0.5)]
    [InlineData(9, 1.0)]     // the last warm-up step reaches the peak
    [InlineData(10, 1.0)]    // decay starts at the peak: (110 − 10) / 100
    [InlineData(60, 0.5)]
    [InlineData(109, 0.01)]
    [InlineData(110, 0.0)]   // zero at TotalSteps
    [InlineData(200, 0.0)]   // and never negative after
    public void Linear_decay_warms_up_then_falls_to_zero(long step, double expected) =>
        Assert.Equal(expected, new LinearDecaySchedule(TotalSteps: 110, WarmupSteps: 10).Factor(step), Tol);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(50, 0.5)]
    [InlineData(100, 0.0)]
    public void Linear_decay_without_warmup_starts_at_one(long step, double expected) =>
        Assert.Equal(expected, new LinearDecaySchedule(TotalSteps: 100).Factor(step), Tol);

    [Theory]
    [InlineData(0, 0.01)]    // s/w with s = 1
    [InlineData(49, 0.5)]
    [InlineData(99, 1.0)]    // peak at the end of warm-up
    [InlineData(399, 0.5)]   // √(100/400)
    [InlineData(9_999, 0.1)] // √(100/10000)
    public void Inverse_sqrt_peaks_at_warmup_then_decays_as_one_over_root_step(long step, double expected) =>
        Assert.Equal(expected, new InverseSqrtSchedule(WarmupSteps: 100).Factor(step), 1e-12);

    [Fact]
    public void Every_schedule_is_continuous_at_the_end_of_warmup_and_never_negative()
    {
        LrSchedule[] schedules = [new ConstantSchedule(20), new LinearDecaySchedule(1000, 20), new InverseSqrtSchedule(20)];
        foreach (var s in schedules)
        {
            Assert.Equal(1.0, s.Factor(19), 1e-12);
            Assert.InRange(Math.Abs(s.Factor(20) - s.Factor(19)), 0, 0.03);
            for (long step = 0; step < 2000; step += 7) Assert.InRange(s.Factor(step), 0, 1);
        }
    }

    [Fact]
    public void Schedules_are_value_records()
    {
        Assert.Equal(new LinearDecaySchedule(100, 10), new LinearDecaySchedule(100, 10));
        Assert.NotEqual<LrSchedule>(new InverseSqrtSchedule(10), new ConstantSchedule(10));
    }
}
