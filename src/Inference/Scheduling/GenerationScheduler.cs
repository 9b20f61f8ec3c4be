using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpo.Inference.Generation;
using Vpo.Inference.Telemetry;

namespace Vpo.Inference.Scheduling;

/// <summary>
/// The one owner of generators. Callers queue generations; the scheduler forms a batch from what arrives within the
/// batching window (counted from the oldest waiting request, or from the end of the previous run if that is later) up
/// to the maximum batch size, runs it in one generator and answers each caller as soon as its row ends. Only requests
/// with equal search options share a generator, and among those, prompts of similar length go together. A full queue
/// refuses new work at once with <see cref="QueueFullException"/>. A caller that cancels while waiting leaves the
/// queue; one that cancels while its row runs stops that row, and a generator whose rows are all cancelled stops. A
/// caller may watch its answer grow token by token (<see cref="AnswerOptions.OnProgress"/>): streamed answers run in
/// the same batches as the others.
/// </summary>
/// <remarks>
/// ONNX Runtime GenAI accepts a batch's prompts only once per generator, so rows cannot join a running generator: new
/// arrivals wait for the next run. One generator runs at a time; on CPU a second one would only share the same cores.
/// </remarks>
public sealed partial class GenerationScheduler : BackgroundService
{
    private readonly Channel<PendingGeneration> _queue;
    private readonly OnnxModelHost _host;
    private readonly BatchGenerator _generator;
    private readonly InferenceOptions _options;
    private readonly InferenceTelemetry _telemetry;
    private readonly ILogger<GenerationScheduler> _logger;
    // Cancelled once, at shutdown; it never arms a timer, so it needs no disposal.
    private readonly CancellationTokenSource _stopAccepting = new();
    // When the last generator run ended (Stopwatch timestamp); the batching window also counts from it.
    private long _lastRunEnded;

    /// <summary>Creates the scheduler for the loaded model.</summary>
    public GenerationScheduler(
        OnnxModelHost host,
        IOptions<InferenceOptions> options,
        SchedulerStatistics statistics,
        InferenceTelemetry telemetry,
        ILogger<GenerationScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _generator = new BatchGenerator(host);
        _options = options.Value;
        Statistics = statistics ?? throw new ArgumentNullException(nameof(statistics));
        _telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _queue = Channel.CreateBounded<PendingGeneration>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Running totals: queue length, generator runs, rows, tokens, cancellations, rejections.</summary>
    public SchedulerStatistics Statistics { get; }

    /// <summary>
    /// Optimizes one query: templates and encodes it, waits for a generator and returns the answer as one paragraph.
    /// </summary>
    /// <exception cref="QueueFullException">The queue is full; nothing was queued.</exception>
    /// <exception cref="ServiceStoppingException">The service is shutting down (<see cref="StopAccepting"/>).</exception>
    /// <exception cref="PromptTooLongException">The templated prompt does not fit the model's context.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GenerateAsync(GenerationJob.ForQuery(request.Query, request.Options), cancellationToken);
    }

    /// <summary>
    /// Generates the next assistant turn of <paramref name="job"/>'s chat: templates and encodes it, waits for a
    /// generator and returns the answer. The job's watcher (<see cref="AnswerOptions.OnProgress"/>) sees the answer
    /// grow token by token while it runs; every piece it is given has been handed over before the returned task ends.
    /// </summary>
    /// <exception cref="QueueFullException">The queue is full; nothing was queued.</exception>
    /// <exception cref="PromptTooLongException">The templated prompt does not fit the model's context.</exception>
    /// <exception cref="ChatTemplateException">The model's chat template refuses the messages.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<GenerationResult> GenerateAsync(GenerationJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        cancellationToken.ThrowIfCancellationRequested();
        var prompt = _host.EncodeChat(job.Messages);
        if (prompt.Length >= _host.ContextLength)
        {
            throw new PromptTooLongException(prompt.Length, _host.ContextLength);
        }

        var retryAfter = TimeSpan.FromSeconds(_options.RetryAfterSeconds);
        if (_stopAccepting.IsCancellationRequested)
        {
            throw new ServiceStoppingException(retryAfter);
        }

        if (Statistics.TryEnterQueue(_options.QueueCapacity) < 0)
        {
            _telemetry.RecordRejected();
            throw new QueueFullException(_options.QueueCapacity, retryAfter);
        }

        var pending = new PendingGeneration(prompt, job.Options, job.Answer, cancellationToken);
        pending.Registration = cancellationToken.Register(static state =>
        {
            var (scheduler, waiting) = ((GenerationScheduler, PendingGeneration))state!;
            scheduler.CancelWhileWaiting(waiting);
        }, (this, pending));
        pending.StopRegistration = _stopAccepting.Token.UnsafeRegister(static state =>
        {
            var (scheduler, waiting) = ((GenerationScheduler, PendingGeneration))state!;
            scheduler.RefuseWhileWaiting(waiting);
        }, (this, pending));

        if (!_queue.Writer.TryWrite(pending))
        {
            // Cancelled entries still hold channel slots until the loop drains them, or the host is stopping.
            if (pending.TryCancelWhileWaiting())
            {
                Statistics.LeaveQueue();
            }

            await pending.Registration.DisposeAsync().ConfigureAwait(false);
            if (_stopAccepting.IsCancellationRequested)
            {
                throw new ServiceStoppingException(retryAfter);
            }

            _telemetry.RecordRejected();
            throw new QueueFullException(_options.QueueCapacity, retryAfter);
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Begins a graceful shutdown: new generations and those still waiting for a generator fail at once with
    /// <see cref="ServiceStoppingException"/> (so their callers can retry elsewhere), while rows already running in a
    /// generator finish. Call it when the host starts stopping, before the server drains its requests.
    /// </summary>
    public void StopAccepting()
    {
        _stopAccepting.Cancel();
        _queue.Writer.TryComplete();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waiting = new List<PendingGeneration>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (waiting.Count == 0 && !await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                Drain(waiting);
                await WaitForBatchAsync(waiting, stoppingToken).ConfigureAwait(false);
                waiting.RemoveAll(pending => !pending.IsWaiting);
                if (waiting.Count == 0)
                {
                    continue;
                }

                var planned = BatchPlanner.TakeNext(waiting, _options.MaxBatchSize, pending => pending.Options, pending => pending.PromptTokens.Length);
                var rows = new List<PendingGeneration>(planned.Count);
                foreach (var pending in planned)
                {
                    if (pending.TryStart())
                    {
                        Statistics.LeaveQueue();
                        await pending.Registration.DisposeAsync().ConfigureAwait(false);
                        rows.Add(pending);
                    }
                }

                if (rows.Count > 0)
                {
                    // The run is seconds of blocking native calls: give it its own thread rather than a pool thread.
                    await Task.Factory.StartNew(
                        () => RunBatch(rows, stoppingToken),
                        CancellationToken.None,
                        TaskCreationOptions.LongRunning,
                        TaskScheduler.Default).ConfigureAwait(false);
                    _lastRunEnded = Stopwatch.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            _queue.Writer.TryComplete();
            Drain(waiting);
            foreach (var pending in waiting)
            {
                if (pending.TryCancelWhileWaiting())
                {
                    Statistics.LeaveQueue();
                    pending.Completion.TrySetCanceled(stoppingToken);
                }
            }
        }
    }

    private void Drain(List<PendingGeneration> waiting)
    {
        while (_queue.Reader.TryRead(out var pending))
        {
            if (pending.IsWaiting)
            {
                waiting.Add(pending);
            }
        }
    }

    // Waits until the batching window is over, or until a full batch for the oldest waiting generation is waiting. The
    // window counts from the later of the oldest arrival and the end of the last run: the callers a run has just
    // answered come back moments later, and starting the requests that waited during the run without them splits a
    // steady load into alternating part-full batches (measured: 16 closed-loop clients ran as two groups of 8).
    private async Task WaitForBatchAsync(List<PendingGeneration> waiting, CancellationToken stoppingToken)
    {
        while (waiting.Count > 0 && !FullBatchWaiting(waiting))
        {
            var remaining = _options.BatchWindow - Stopwatch.GetElapsedTime(Math.Max(waiting[0].ArrivedAt, _lastRunEnded));
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            window.CancelAfter(remaining);
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(window.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }

            Drain(waiting);
            waiting.RemoveAll(pending => !pending.IsWaiting);
        }
    }

    private bool FullBatchWaiting(List<PendingGeneration> waiting)
    {
        var oldest = waiting[0].Options;
        if (!oldest.MayShareGenerator || _options.MaxBatchSize == 1)
        {
            return true;
        }

        var key = oldest.BatchKey;
        var compatible = 0;
        foreach (var pending in waiting)
        {
            if (pending.IsWaiting && pending.Options.MayShareGenerator && pending.Options.BatchKey == key && ++compatible >= _options.MaxBatchSize)
            {
                return true;
            }
        }

        return false;
    }

    private void RunBatch(List<PendingGeneration> rows, CancellationToken stoppingToken)
    {
        using var activity = InferenceTelemetry.ActivitySource.StartActivity("vpo.generate_batch");
        activity?.SetTag("vpo.batch.size", rows.Count);
        activity?.SetTag("vpo.batch.longest_prompt", rows.Max(row => row.PromptTokens.Length));
        foreach (var row in rows)
        {
            _telemetry.RecordQueueTime(Stopwatch.GetElapsedTime(row.ArrivedAt, row.StartedAt));
        }

        Statistics.RunStarted(rows.Count);
        _telemetry.RecordRunStarted(rows.Count);
        var open = rows.Count;

        try
        {
            var report = _generator.Run(rows, rows[0].Options, (row, outcome) =>
            {
                open--;
                Statistics.RowFinished(outcome.Tokens.Count, outcome.Cancelled);
                _telemetry.RecordRowFinished(outcome.Tokens.Count, outcome.Elapsed, outcome.Cancelled);
                OnRowFinished(row, outcome, rows.Count);
            }, stoppingToken);
            activity?.SetTag("vpo.generated_tokens", report.GeneratedTokens);
            LogBatch(report.Rows, report.Steps, report.GeneratedTokens, report.CancelledRows, report.Elapsed.TotalMilliseconds);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            LogBatchFailed(exception, rows.Count);
            foreach (var row in rows)
            {
                row.Completion.TrySetException(exception);
            }

            for (; open > 0; open--)
            {
                Statistics.RowFinished(0, cancelled: false);
            }
        }
    }

    private void OnRowFinished(BatchRow row, RowOutcome outcome, int batchSize)
    {
        var pending = (PendingGeneration)row;
        if (outcome.Cancelled)
        {
            _telemetry.RecordCancelled();
            pending.Completion.TrySetCanceled(pending.Cancellation.IsCancellationRequested ? pending.Cancellation : new CancellationToken(true));
            return;
        }

        var queueTime = Stopwatch.GetElapsedTime(pending.ArrivedAt, pending.StartedAt);
        var timeToFirstToken = queueTime + outcome.TimeToFirstToken;
        _telemetry.RecordTimeToFirstToken(timeToFirstToken);
        pending.Completion.TrySetResult(new GenerationResult(
            outcome.Text,
            outcome.Tokens,
            outcome.FinishReason,
            pending.PromptTokens.Length,
            outcome.Tokens.Count,
            queueTime,
            outcome.Elapsed,
            timeToFirstToken,
            // Every row reports the run's size, cancelled rows included: they shared its padding and steps.
            batchSize));
    }

    private void RefuseWhileWaiting(PendingGeneration pending)
    {
        if (pending.TryCancelWhileWaiting())
        {
            Statistics.LeaveQueue();
            pending.Completion.TrySetException(new ServiceStoppingException(TimeSpan.FromSeconds(_options.RetryAfterSeconds)));
        }
    }

    private void CancelWhileWaiting(PendingGeneration pending)
    {
        if (pending.TryCancelWhileWaiting())
        {
            // Counted as cancelled before it leaves the queue, so whoever sees it gone also sees why.
            Statistics.AddCancelled();
            Statistics.LeaveQueue();
            _telemetry.RecordCancelled();
            pending.Completion.TrySetCanceled(pending.Cancellation);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Generator run: {Rows} rows, {Steps} steps, {Tokens} tokens, {Cancelled} cancelled, {ElapsedMs:F1} ms")]
    private partial void LogBatch(int rows, int steps, int tokens, int cancelled, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Generator run of {Rows} rows failed")]
    private partial void LogBatchFailed(Exception exception, int rows);
}
