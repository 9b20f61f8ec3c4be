using System.Runtime.CompilerServices;
using Vpo.Inference.Streaming;

namespace Vpo.Api.Streaming;

/// <summary>
/// Work whose progress a response streams: it is started before the response commits to streaming (so a refusal can
/// still be answered with its own status), its progress is read in batches, and it is cancelled when the stream ends
/// for any reason, the client going away included.
/// </summary>
/// <typeparam name="TKey">What names one answer of the work (a choice, a query's iteration).</typeparam>
/// <typeparam name="TResult">What the work returns when it is done.</typeparam>
internal sealed class StreamedWork<TKey, TResult>
    where TKey : notnull
{
    private readonly ProgressChannel<TKey> _channel = new();
    private CancellationTokenSource? _stop;
    private Task<TResult>? _work;

    /// <summary>Why the stream ended early (the work failed), once <see cref="ReadBatchesAsync"/> is done.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The work's result; complete once <see cref="ReadBatchesAsync"/> ended without <see cref="Failure"/>.</summary>
    public Task<TResult> Result => _work ?? throw new InvalidOperationException("The work was not started.");

    /// <summary>
    /// Starts the work, reporting into the channel it is given, and waits until it has produced its first token, or
    /// ended. A work that failed or was cancelled by then throws here, before anything was streamed.
    /// </summary>
    public async Task StartAsync(Func<ProgressChannel<TKey>, CancellationToken, Task<TResult>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = _work = start(_channel, _stop.Token);
        _ = work.ContinueWith(
            finished => _channel.Complete(finished.Exception?.InnerException ?? (finished.IsCanceled ? new OperationCanceledException(cancellationToken) : null)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        await Task.WhenAny(_channel.Active, work).ConfigureAwait(false);
        if (work.IsCompleted && !work.IsCompletedSuccessfully)
        {
            _stop.Dispose();
            await work.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The progress in batches until the work ends. A failure of the work ends the enumeration and is kept in
    /// <see cref="Failure"/>; the stream's own cancellation (<paramref name="cancellationToken"/>, the client gone) is
    /// thrown. However the enumeration ends, what is still running of the work is cancelled.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ProgressUpdate<TKey>>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stop = _stop ?? throw new InvalidOperationException("The work was not started.");
        try
        {
            await using var batches = _channel.ReadBatchesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (await MoveNextAsync(batches, cancellationToken).ConfigureAwait(false))
            {
                yield return batches.Current;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            stop.Dispose();
        }
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<IReadOnlyList<ProgressUpdate<TKey>>> batches, CancellationToken cancellationToken)
    {
        try
        {
            return await batches.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Failure = exception;
            return false;
        }
    }
}
