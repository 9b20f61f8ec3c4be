using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Vpo.Inference.Generation;

namespace Vpo.Inference.Streaming;

/// <summary>
/// Carries the progress of several answers from the generator thread to one streaming response. Writers never wait
/// (the generator must not); the reader takes whatever has arrived since its last read as one batch, with the pieces of
/// each answer joined, so a slow client gets fewer, larger events instead of a growing backlog.
/// </summary>
public sealed class ProgressChannel<TKey>
    where TKey : notnull
{
    private readonly Channel<ProgressUpdate<TKey>> _channel =
        Channel.CreateUnbounded<ProgressUpdate<TKey>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Ends once any answer has generated a token (or ended, or the channel completed): the moment a response can
    /// commit to streaming, since refusals such as a full queue come before any token.
    /// </summary>
    public Task Active => _active.Task;

    /// <summary>Records that answer <paramref name="key"/> gained <paramref name="delta"/> (which may be empty).</summary>
    public void Post(TKey key, string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        _active.TrySetResult();
        if (delta.Length > 0)
        {
            _channel.Writer.TryWrite(new ProgressUpdate<TKey>(key, delta, null));
        }
    }

    /// <summary>Records that answer <paramref name="key"/> ended with <paramref name="result"/>.</summary>
    public void Finish(TKey key, GenerationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _active.TrySetResult();
        _channel.Writer.TryWrite(new ProgressUpdate<TKey>(key, string.Empty, result));
    }

    /// <summary>Ends the channel; with <paramref name="error"/>, the reader throws it after the updates before it.</summary>
    public void Complete(Exception? error = null)
    {
        _active.TrySetResult();
        _channel.Writer.TryComplete(error);
    }

    /// <summary>
    /// Reads the updates in batches until the channel completes: each batch holds everything that had arrived, in
    /// order, with consecutive pieces of one answer joined. Throws the error the channel was completed with.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<ProgressUpdate<TKey>>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var batch = new List<ProgressUpdate<TKey>>();
            var growing = new Dictionary<TKey, int>();
            while (reader.TryRead(out var update))
            {
                if (update.Finished is not null)
                {
                    growing.Remove(update.Key);
                    batch.Add(update);
                }
                else if (growing.TryGetValue(update.Key, out var at))
                {
                    batch[at] = batch[at] with { Delta = batch[at].Delta + update.Delta };
                }
                else
                {
                    growing[update.Key] = batch.Count;
                    batch.Add(update);
                }
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }
}
