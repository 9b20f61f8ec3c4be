namespace Vpo.Training.Schedules;

/// <summary>
/// Learning-rate schedules as pure functions of the update index, so a resumed run recomputes exactly
/// the rate an uninterrupted run used and the schedule needs no state of its own in a checkpoint.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>
    /// The number of warm-up updates for a ratio of the whole run, rounded up so any positive ratio
    /// warms up for at least one update.
    /// </summary>
    public static long WarmupSteps(double warmupRatio, long totalSteps)
    {
        if (warmupRatio is < 0 or > 1 || double.IsNaN(warmupRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(warmupRatio), warmupRatio, "The warm-up ratio must be between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(totalSteps);
        return (long)Math.Ceiling(warmupRatio * totalSteps);
    }

    /// <summary>
    /// The multiplier of the peak learning rate for the update with zero-based index <paramref name="step"/>.
    /// Warm-up rises linearly and reaches 1 on its last update (no update is wasted at rate 0); the decay
    /// starts at 1 on the first update after warm-up and ends one step above 0 on the last update.
    /// </summary>
    public static double Factor(LearningRateScheduleKind kind, long step, long totalSteps, long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);

        if (step < warmupSteps)
        {
            return (step + 1) / (double)warmupSteps;
        }

        if (kind == LearningRateScheduleKind.Constant)
        {
            return 1.0;
        }

        // Past the planned end (a run extended by hand) the decaying schedules stay at their floor.
        var decaySteps = totalSteps - warmupSteps;
        var progress = decaySteps == 0 ? 1.0 : Math.Min(1.0, (step - warmupSteps) / (double)decaySteps);
        return kind switch
        {
            LearningRateScheduleKind.Linear => 1.0 - progress,
            LearningRateScheduleKind.Cosine => 0.5 * (1.0 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown learning-rate schedule."),
        };
    }

    /// <summary>The learning rate of one update: the peak times <see cref="Factor"/>.</summary>
    public static double At(LearningRateScheduleKind kind, double peakLearningRate, long step, long totalSteps, long warmupSteps) =>
        peakLearningRate * Factor(kind, step, totalSteps, warmupSteps);
}
