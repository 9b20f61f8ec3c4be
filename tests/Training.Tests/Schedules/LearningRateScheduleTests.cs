using Vpo.Training.Schedules;

namespace Vpo.Training.Tests.Schedules;

public sealed class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0.1, 25, 3)]
    [InlineData(0.1, 10, 1)]
    [InlineData(0.1, 1, 1)]
    [InlineData(0.0, 100, 0)]
    [InlineData(1.0, 7, 7)]
    public void Warmup_steps_are_the_ratio_of_all_steps_rounded_up(double ratio, long total, long expected) =>
        Assert.Equal(expected, LearningRateSchedule.WarmupSteps(ratio, total));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Warmup_ratio_outside_zero_to_one_is_rejected(double ratio) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.WarmupSteps(ratio, 10));

    [Fact]
    public void Constant_schedule_warms_up_linearly_then_holds_the_peak()
    {
        var factors = Enumerable.Range(0, 10).Select(s => LearningRateSchedule.Factor(LearningRateScheduleKind.Constant, s, 10, 4)).ToArray();
        Assert.Equal([0.25, 0.5, 0.75, 1, 1, 1, 1, 1, 1, 1], factors);
    }

    [Fact]
    public void Linear_schedule_decays_from_the_peak_after_warmup()
    {
        var factors = Enumerable.Range(0, 10).Select(s => LearningRateSchedule.Factor(LearningRateScheduleKind.Linear, s, 10, 2)).ToArray();
        Assert.Equal([0.5, 1, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125], factors);
    }

    [Fact]
    public void Cosine_schedule_follows_half_a_cosine_after_warmup()
    {
        Assert.Equal(1.0, LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 2, 10, 2), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI / 4)), LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 4, 10, 2), 12);
        Assert.Equal(0.5, LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 6, 10, 2), 12);
        Assert.Equal(0.5 * (1 + Math.Cos(Math.PI * 7 / 8)), LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 9, 10, 2), 12);
    }

    [Fact]
    public void Schedules_without_warmup_start_at_the_peak()
    {
        Assert.Equal(1.0, LearningRateSchedule.Factor(LearningRateScheduleKind.Linear, 0, 4, 0));
        Assert.Equal(0.25, LearningRateSchedule.Factor(LearningRateScheduleKind.Linear, 3, 4, 0));
        Assert.Equal(1.0, LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 0, 4, 0));
    }

    [Fact]
    public void Decay_stays_at_its_floor_past_the_planned_end() =>
        Assert.Equal(0.0, LearningRateSchedule.Factor(LearningRateScheduleKind.Linear, 50, 10, 2));

    [Fact]
    public void Paper_dpo_schedule_gives_exact_rates()
    {
        // 1 epoch of 5,000 pairs at batch 16 = 313 updates, 10% warm-up = 32 updates.
        var warmup = LearningRateSchedule.WarmupSteps(0.1, 313);
        Assert.Equal(32, warmup);
        Assert.Equal(5e-7 / 32, LearningRateSchedule.At(LearningRateScheduleKind.Linear, 5e-7, 0, 313, warmup), 1e-21);
        Assert.Equal(5e-7, LearningRateSchedule.At(LearningRateScheduleKind.Linear, 5e-7, 32, 313, warmup), 1e-21);
        Assert.Equal(5e-7 / 281, LearningRateSchedule.At(LearningRateScheduleKind.Linear, 5e-7, 312, 313, warmup), 1e-21);
    }

    [Fact]
    public void Warmup_longer_than_the_run_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(LearningRateScheduleKind.Constant, 0, 5, 6));
}
