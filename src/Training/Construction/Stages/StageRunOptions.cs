using System.ComponentModel.DataAnnotations;

namespace Vpo.Training.Construction.Stages;

/// <summary>How a stage runs: which shard, how many items at once, how often an item is retried.</summary>
public sealed record StageRunOptions
{
    /// <summary>This machine's shard of the input.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>Items processed at once.</summary>
    [Range(1, 4096)]
    public int Concurrency { get; init; } = 8;

    /// <summary>Attempts per item and run when its answer is malformed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Items failing one after another (none succeeding in between) after which the stage stops: a wrong URL or key
    /// fails every item, and working through all of them only fills the failures file. 0 never stops.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxConsecutiveFailures { get; init; } = 50;

    /// <summary>How often a progress line is printed.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
