using Polly.CircuitBreaker;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// What is known of one backend's health: its circuit breaker's state and the outcome of the last request attempt
/// (every attempt, retries included, is recorded by <see cref="BackendCallRecorder"/>).
/// </summary>
public sealed class BackendHealth(bool hasCircuit, TimeProvider time)
{
    private readonly Lock _gate = new();
    private BackendCall? _lastCall;
    private BackendCall? _lastFailure;

    /// <summary>The circuit breaker's state provider; attached to the pipeline when the backend has a breaker.</summary>
    public CircuitBreakerStateProvider Circuit { get; } = new();

    /// <summary>The circuit's state: <c>closed</c>, <c>open</c>, <c>half_open</c>, <c>isolated</c>, or <c>none</c> without a breaker.</summary>
    public string CircuitState => !hasCircuit ? "none" : Circuit.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Closed => "closed",
        Polly.CircuitBreaker.CircuitState.Open => "open",
        Polly.CircuitBreaker.CircuitState.HalfOpen => "half_open",
        _ => "isolated",
    };

    /// <summary>The last request attempt, if any.</summary>
    public BackendCall? LastCall
    {
        get
        {
            lock (_gate)
            {
                return _lastCall;
            }
        }
    }

    /// <summary>The last failed request attempt, if any.</summary>
    public BackendCall? LastFailure
    {
        get
        {
            lock (_gate)
            {
                return _lastFailure;
            }
        }
    }

    /// <summary>Records one attempt's outcome.</summary>
    public void Record(string request, bool succeeded, string outcome)
    {
        var call = new BackendCall(time.GetUtcNow(), request, succeeded, outcome);
        lock (_gate)
        {
            _lastCall = call;
            if (!succeeded)
            {
                _lastFailure = call;
            }
        }
    }
}

/// <summary>One request attempt to a backend.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Request">Method and path (never headers, so never the key).</param>
/// <param name="Succeeded">Whether it answered without a transport error, timeout, 408, 429 or 5xx.</param>
/// <param name="Outcome">The status code and reason, or the error.</param>
public sealed record BackendCall(DateTimeOffset At, string Request, bool Succeeded, string Outcome);
