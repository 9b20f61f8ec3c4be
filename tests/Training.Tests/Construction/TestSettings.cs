using Microsoft.Extensions.Logging.Abstractions;
using Vpo.Inference.Http;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Tests.Construction;

/// <summary>Settings that keep the construction tests fast: millisecond back-offs and short timeouts.</summary>
internal static class TestSettings
{
    public static ResilientHttpOptions FastHttp(int maxRetries = 4, double attemptTimeoutSeconds = 5, int maxConcurrency = 8, int requestsPerMinute = 0) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(3),
        AttemptTimeout = TimeSpan.FromSeconds(attemptTimeoutSeconds),
        MaxConcurrency = maxConcurrency,
        RequestsPerMinute = requestsPerMinute,
    };

    public static LlmOptions Llm(Uri baseUrl, ResilientHttpOptions? http = null) => new()
    {
        BaseUrl = baseUrl,
        Model = "judge-double",
        Http = http ?? FastHttp(),
    };

    public static StageRunner Runner(int workers = 4, int attempts = 3, int maxConsecutiveFailures = 50, TextWriter? progress = null) =>
        new(new StageRunOptions { Concurrency = workers, MaxAttempts = attempts, MaxConsecutiveFailures = maxConsecutiveFailures, ProgressInterval = TimeSpan.Zero },
            progress, NullLogger.Instance);

    public static StageRunner Runner(StageRunOptions options) => new(options, null, NullLogger.Instance);
}
