namespace Vpo.Api.Contracts;

/// <summary>Where the time went, in milliseconds.</summary>
public sealed record Timings
{
    /// <summary>Time spent waiting for a generator.</summary>
    /// <example>8.4</example>
    public required double QueueMs { get; init; }

    /// <summary>Time spent generating (from the generator's start to the answer's end).</summary>
    /// <example>1843.2</example>
    public required double GenerationMs { get; init; }
}
