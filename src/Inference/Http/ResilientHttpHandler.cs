using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Vpo.Inference.Http;

/// <summary>
/// The message handler of every client to a remote model: a Polly pipeline (Microsoft.Extensions.Http.Resilience)
/// of concurrency limit, total timeout (optional), retry, circuit breaker (optional), request-rate limit and attempt
/// timeout, in that order from the outside in, over a pooled socket handler. It owns its limiters and releases them
/// when the client is disposed.
/// </summary>
public sealed class ResilientHttpHandler : DelegatingHandler
{
    private readonly ConcurrencyLimiter _concurrency;
    private readonly RateLimiter? _rate;

    private ResilientHttpHandler(ConcurrencyLimiter concurrency, RateLimiter? rate, HttpMessageHandler inner)
        : base(inner)
    {
        _concurrency = concurrency;
        _rate = rate;
    }

    /// <summary>
    /// A client with the resilience of <paramref name="options"/>. Its own <see cref="HttpClient.Timeout"/> is infinite:
    /// the pipeline's attempt timeout and the caller's cancellation bound every request.
    /// </summary>
    /// <param name="options">Retries, limits and timeouts.</param>
    /// <param name="baseAddress">Where relative request URIs point.</param>
    /// <param name="inner">The transport; a pooled <see cref="SocketsHttpHandler"/> when null (tests pass their own).</param>
    /// <param name="circuit">Receives the circuit breaker's state, when <paramref name="options"/> has one.</param>
    public static HttpClient CreateClient(
        ResilientHttpOptions options, Uri? baseAddress = null, HttpMessageHandler? inner = null, CircuitBreakerStateProvider? circuit = null)
    {
        var handler = Create(options, inner, circuit);
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The handler alone, for transports that take a handler rather than a client.</summary>
    /// <param name="options">Retries, limits, timeouts and circuit breaker.</param>
    /// <param name="inner">The transport; a pooled <see cref="SocketsHttpHandler"/> when null.</param>
    /// <param name="circuit">Receives the circuit breaker's state, when <paramref name="options"/> has one.</param>
    public static ResilientHttpHandler Create(ResilientHttpOptions options, HttpMessageHandler? inner = null, CircuitBreakerStateProvider? circuit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var rate = options.RequestsPerMinute > 0 ? CreateRateLimiter(options.RequestsPerMinute) : null;

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = "concurrency",
                RateLimiter = args => concurrency.AcquireAsync(1, args.Context.CancellationToken),
            });
        if (options.TotalTimeout is { } total)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = total });
        }

        builder.AddRetry(new HttpRetryStrategyOptions
            {
                // Handles HttpRequestException, TimeoutRejectedException, 408, 429 and 5xx; reads Retry-After.
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                ShouldHandle = options.MaxRetries == 0
                    ? static _ => ValueTask.FromResult(false)
                    : static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = true,
            });
        if (options.CircuitBreaker is { } breaker)
        {
            // Inside the retry, so that every attempt counts and an open circuit ends the retries at once.
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(IsTransient(args.Outcome)),
                StateProvider = circuit,
            });
        }

        if (rate is not null)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = "rate",
                RateLimiter = args => rate.AcquireAsync(1, args.Context.CancellationToken),
            });
        }

        var pipeline = builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout }).Build();
        var transport = inner ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        return new ResilientHttpHandler(concurrency, rate, new ResilienceHandler(pipeline) { InnerHandler = transport });
    }

    /// <summary>Whether an outcome is worth another attempt: a transport failure, a timeout, 408, 429 or 5xx.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _concurrency.Dispose();
            _rate?.Dispose();
        }
    }

    private static TokenBucketRateLimiter CreateRateLimiter(int requestsPerMinute)
    {
        // Refill every second when the rate allows at least one request a second, else once per request interval;
        // the bucket holds one period's worth so a burst never exceeds the rate.
        var perSecond = requestsPerMinute / 60;
        var (period, tokens) = perSecond >= 1
            ? (TimeSpan.FromSeconds(1), perSecond)
            : (TimeSpan.FromSeconds(60.0 / requestsPerMinute), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
