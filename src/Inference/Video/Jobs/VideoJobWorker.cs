using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpo.Inference.Optimization;
using Vpo.Inference.Prompting;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Video.Backends;

namespace Vpo.Inference.Video.Jobs;

/// <summary>
/// Drives video jobs from queued to a final status: optimize the query, submit the prompt with the job's id as the
/// submission id, wait for the backend (polling with growing intervals), store the video. The job is written back
/// after every step; at start every unfinished job is resumed from its last written step: a submitted job is only
/// polled, a job whose submission was not acknowledged is submitted again with the same id (which the protocols
/// treat as the same video). Stopping the service leaves jobs as they are, to be resumed by the next start.
/// </summary>
public sealed partial class VideoJobWorker(
    IVideoJobStore store,
    VideoBackendRegistry backends,
    PromptOptimizer optimizer,
    IOptions<VideosOptions> options,
    VideoJobTelemetry telemetry,
    TimeProvider time,
    ILogger<VideoJobWorker> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    /// <summary>The folder where finished videos are stored.</summary>
    public string VideoFolder => Path.Combine(options.Value.DataFolder, "videos");

    /// <summary>Queues a stored job to be driven.</summary>
    public void Enqueue(string id)
    {
        if (_queued.TryAdd(id, 0))
        {
            _queue.Writer.TryWrite(id);
        }
    }

    /// <summary>Stops driving a job that was just marked cancelled; its driver then cancels it at the backend.</summary>
    public void Cancel(string id)
    {
        if (_running.TryGetValue(id, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The driver finished meanwhile.
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (backends.All.Count == 0)
        {
            return;
        }

        foreach (var job in await store.ListUnfinishedAsync(stoppingToken).ConfigureAwait(false))
        {
            LogResuming(logger, job.Id, job.Status, job.Submitted);
            Enqueue(job.Id);
        }

        var drivers = Enumerable.Range(0, options.Value.MaxConcurrentJobs).Select(_ => DriveQueueAsync(stoppingToken));
        await Task.WhenAll(drivers).ConfigureAwait(false);
    }

    private async Task DriveQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _queued.TryRemove(id, out _);
                using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (!_running.TryAdd(id, cancellation))
                {
                    continue;
                }

                try
                {
                    await DriveAsync(id, cancellation.Token, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _running.TryRemove(id, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unfinished jobs stay as stored and resume at the next start.
        }
    }

    private async Task DriveAsync(string id, CancellationToken cancellationToken, CancellationToken stoppingToken)
    {
        var job = await store.GetAsync(id, stoppingToken).ConfigureAwait(false);
        if (job is null || job.IsFinished)
        {
            return;
        }

        var registered = backends.Find(job.Backend);
        if (registered is null)
        {
            await FinishAsync(job with { Status = VideoJobStatus.Failed, Error = $"backend '{job.Backend}' is no longer configured (Videos:Backends)." }, stoppingToken).ConfigureAwait(false);
            return;
        }

        try
        {
            if (await RunAsync(job, registered, cancellationToken).ConfigureAwait(false) is { } final)
            {
                await FinishAsync(final, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogLeftForRestart(logger, id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // DELETE /videos/{id} marked the job cancelled; stop the backend too where the protocol allows.
            var stored = await store.GetAsync(id, stoppingToken).ConfigureAwait(false);
            await CancelAtBackendAsync(registered, stored ?? job, stoppingToken).ConfigureAwait(false);
            telemetry.RecordFinished(registered.Backend.Name, VideoJobStatus.Cancelled);
        }
        catch (Exception exception) when (exception is VideoBackendException or QueueFullException or PromptTooLongException or IOException)
        {
            var latest = await store.GetAsync(id, stoppingToken).ConfigureAwait(false) ?? job;
            LogFailed(logger, id, registered.Backend.Name, exception.Message);
            await FinishAsync(latest with { Status = VideoJobStatus.Failed, Error = exception.Message }, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the job's remaining steps; returns it in its final state, or null when it was cancelled meanwhile.</summary>
    private async Task<VideoJob?> RunAsync(VideoJob job, RegisteredBackend registered, CancellationToken cancellationToken)
    {
        var backend = registered.Backend;
        if (job.Prompt is null)
        {
            if (await SaveAsync(job = job with { Status = VideoJobStatus.Optimizing }, registered, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            var optimized = await optimizer.OptimizeAsync(job.Query, job.Sampling, 1, cancellationToken).ConfigureAwait(false);
            // A model that answers nothing would submit an empty prompt: render the query's own text instead.
            var prompt = string.IsNullOrWhiteSpace(optimized.Prompt) ? QueryFlagParser.Parse(job.Query).Body : optimized.Prompt.Trim();
            var parameters = job.Settings.WithPrompt(prompt);
            job = job with
            {
                Status = VideoJobStatus.Generating,
                Prompt = prompt,
                BackendRequest = backend.Fields(parameters),
                BackendJobId = backend.BackendJobIdFor(job.Id),
            };
            if (await SaveAsync(job, registered, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }
        }

        var request = job.Settings.WithPrompt(job.Prompt!);
        var backendOptions = registered.Options;
        if (!job.Submitted && job.SubmittedAt is null &&
            await SaveAsync(job = job with { SubmittedAt = time.GetUtcNow() }, registered, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        // MaxWait bounds the whole wait at the backend, a synchronous Cog request included, across restarts.
        var remaining = backendOptions.MaxWait - (time.GetUtcNow() - job.SubmittedAt!.Value);
        using var wait = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        BackendJobState state;
        try
        {
            if (!job.Submitted)
            {
                state = await StepAsync(token => backend.SubmitAsync(request, job.Id, token), registered, deadline.Token).ConfigureAwait(false);
                job = job with { Submitted = true, BackendJobId = state.BackendJobId };
                if (await SaveAsync(job, registered, cancellationToken).ConfigureAwait(false) is null)
                {
                    await CancelAtBackendAsync(registered, job, CancellationToken.None).ConfigureAwait(false);
                    return null;
                }
            }
            else
            {
                state = await StepAsync(token => backend.PollAsync(request, job.Id, job.BackendJobId!, token), registered, deadline.Token).ConfigureAwait(false);
            }

            var delay = backendOptions.PollInterval;
            while (state.Status == BackendJobStatus.Running)
            {
                await Task.Delay(delay, time, deadline.Token).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(backendOptions.MaxPollInterval.Ticks, (long)(delay.Ticks * 1.5)));
                state = await StepAsync(token => backend.PollAsync(request, job.Id, job.BackendJobId!, token), registered, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await CancelAtBackendAsync(registered, job, cancellationToken).ConfigureAwait(false);
            return job with
            {
                Status = VideoJobStatus.Failed,
                Error = $"backend '{backend.Name}' was still rendering after {backendOptions.MaxWait} (its MaxWait in Videos:Backends); cancelled there.",
            };
        }

        switch (state.Status)
        {
            case BackendJobStatus.Succeeded:
                var file = job.Id + ".mp4";
                var bytes = await StepAsync(token => backend.SaveAsync(state, Path.Combine(VideoFolder, file), token), registered, cancellationToken).ConfigureAwait(false);
                var url = state.Output is { } output && output.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? output : null;
                return job with { Status = VideoJobStatus.Succeeded, ResultFile = file, ResultBytes = bytes, ResultUrl = url, Error = null };
            case BackendJobStatus.Cancelled:
                return job with { Status = VideoJobStatus.Cancelled, Error = $"backend '{backend.Name}' cancelled the video{(state.Error is null ? "" : ": " + state.Error)}." };
            default:
                return job with { Status = VideoJobStatus.Failed, Error = $"backend '{backend.Name}' failed the video: {state.Error ?? "no reason given"}." };
        }
    }

    /// <summary>Runs one idempotent backend call, repeating it after failures worth repeating (up to <see cref="VideosOptions.MaxStepFailures"/> in a row).</summary>
    private async Task<T> StepAsync<T>(Func<CancellationToken, Task<T>> call, RegisteredBackend registered, CancellationToken cancellationToken)
    {
        var delay = registered.Options.PollInterval;
        for (var failures = 0; ; failures++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (VideoBackendException exception) when (exception.Transient && failures < options.Value.MaxStepFailures)
            {
                LogStepRepeated(logger, registered.Backend.Name, failures + 1, exception.Message);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(registered.Options.MaxPollInterval.Ticks, delay.Ticks * 2));
            }
        }
    }

    private async Task<VideoJob?> SaveAsync(VideoJob job, RegisteredBackend registered, CancellationToken cancellationToken)
    {
        var saved = job with { UpdatedAt = time.GetUtcNow() };
        if (await store.UpdateAsync(saved, CancellationToken.None).ConfigureAwait(false))
        {
            return saved;
        }

        // Cancelled (or otherwise finished) while this step ran.
        cancellationToken.ThrowIfCancellationRequested();
        LogCancelledMeanwhile(logger, job.Id, registered.Backend.Name);
        return null;
    }

    private async Task FinishAsync(VideoJob job, CancellationToken cancellationToken)
    {
        if (await store.UpdateAsync(job with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
        {
            telemetry.RecordFinished(job.Backend, job.Status);
            LogFinished(logger, job.Id, job.Backend, job.Status);
        }
    }

    private async Task CancelAtBackendAsync(RegisteredBackend registered, VideoJob job, CancellationToken cancellationToken)
    {
        var backendJobId = job.BackendJobId ?? registered.Backend.BackendJobIdFor(job.Id);
        if (backendJobId is null)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await registered.Backend.CancelAsync(backendJobId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is VideoBackendException or OperationCanceledException)
        {
            // Best effort: the job is cancelled here either way.
            LogCancelNotDelivered(logger, job.Id, registered.Backend.Name, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming video job {JobId} ({Status}, submitted: {Submitted})")]
    private static partial void LogResuming(ILogger logger, string jobId, VideoJobStatus status, bool submitted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video job {JobId} left for the next start")]
    private static partial void LogLeftForRestart(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video job {JobId} on backend {Backend} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string jobId, string backend, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video job {JobId} on backend {Backend} ended {Status}")]
    private static partial void LogFinished(ILogger logger, string jobId, string backend, VideoJobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video job {JobId} on backend {Backend} was cancelled while a step ran")]
    private static partial void LogCancelledMeanwhile(ILogger logger, string jobId, string backend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend} call failed ({Failures} in a row), repeating: {Error}")]
    private static partial void LogStepRepeated(ILogger logger, string backend, int failures, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel video job {JobId} at backend {Backend}: {Error}")]
    private static partial void LogCancelNotDelivered(ILogger logger, string jobId, string backend, string error);
}
