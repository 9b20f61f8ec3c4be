using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpo.Inference.Scheduling;

namespace Vpo.Inference.Generation;

/// <summary>
/// Runs one short generation through the scheduler after start-up, so the first user does not pay for the runtime's
/// lazy initialization, and marks the service ready when it has finished. It generates exactly
/// <see cref="InferenceOptions.WarmUpTokens"/> tokens whatever the model, so its cost is known. It starts once the host
/// has started (the server is listening), so liveness answers while readiness still reports the warm-up. A failing
/// warm-up stops the host.
/// </summary>
public sealed partial class ModelWarmUpService(
    GenerationScheduler scheduler,
    ModelReadiness readiness,
    IOptions<InferenceOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ModelWarmUpService> logger) : BackgroundService
{
    /// <summary>The query the warm-up optimizes.</summary>
    public const string WarmUpQuery = "a cat playing piano";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hostStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => hostStarted.TrySetResult()))
        {
            await hostStarted.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var warmUp = new GenerationRequest(WarmUpQuery, new SamplingOptions(0, 1, options.Value.WarmUpTokens, null, MinNewTokens: options.Value.WarmUpTokens));
        GenerationResult result;
        try
        {
            result = await scheduler.GenerateAsync(warmUp, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            readiness.MarkFailed(exception);
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        readiness.MarkWarmedUp(elapsed);
        LogReady(result.CompletionTokens, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm-up generated {Tokens} tokens in {ElapsedMs:F0} ms; the optimizer is ready")]
    private partial void LogReady(int tokens, double elapsedMs);
}
