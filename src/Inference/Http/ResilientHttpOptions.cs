using System.ComponentModel.DataAnnotations;

namespace Vpo.Inference.Http;

/// <summary>
/// How an HTTP client to a remote model (LLM judge, video generator, reward model) survives a busy or flaky backend:
/// retries with jittered exponential back-off on 429 (honouring <c>Retry-After</c>), 408, 5xx and timeouts, a limit on
/// requests in flight and a limit on requests started per minute; optionally a total timeout and a circuit breaker.
/// </summary>
public sealed record ResilientHttpOptions
{
    /// <summary>Retries after the first attempt of one request.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; init; } = 5;

    /// <summary>The first back-off delay; it doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts, <c>Retry-After</c> included.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may take before it counts as timed out (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "02:00:00")]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Requests in flight at once (retries keep their slot while they wait).</summary>
    [Range(1, 4096)]
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Attempts started per minute; 0 means no limit.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; init; }

    /// <summary>
    /// How long one request may take in all, retries and their waits included; null for no bound beyond the caller's
    /// cancellation. Must exceed <see cref="AttemptTimeout"/> to leave room for a retry.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>A circuit breaker around every attempt; null for none.</summary>
    public CircuitBreakerSettings? CircuitBreaker { get; init; }

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (CircuitBreaker is not null)
        {
            Validator.ValidateObject(CircuitBreaker, new ValidationContext(CircuitBreaker), validateAllProperties: true);
        }

        if (TotalTimeout is { } total && total <= AttemptTimeout)
        {
            throw new ValidationException($"The TotalTimeout field ({total}) must be longer than AttemptTimeout ({AttemptTimeout}).");
        }
    }
}
