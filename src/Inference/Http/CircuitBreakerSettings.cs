using System.ComponentModel.DataAnnotations;

namespace Vpo.Inference.Http;

/// <summary>
/// When a remote model counts as down: within <see cref="SamplingDuration"/>, at least <see cref="MinimumThroughput"/>
/// attempts of which <see cref="FailureRatio"/> or more failed (transport errors, timeouts, 408, 429, 5xx). The circuit
/// then stays open for <see cref="BreakDuration"/>, failing calls at once, before one trial call may close it again.
/// </summary>
public sealed record CircuitBreakerSettings
{
    /// <summary>The share of failed attempts that opens the circuit, above 0 and at most 1.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Attempts needed in the sampling window before the ratio counts (at least 2).</summary>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window in which failures are counted (Polly needs at least 0.5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls before it lets a trial call through (Polly needs at least 0.5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
