namespace Vpo.Inference.Scheduling;

/// <summary>Running totals of the scheduler, read by the metrics and by tests that check batching and cancellation.</summary>
public sealed class SchedulerStatistics
{
    private long _queueLength;
    private long _generatorRuns;
    private long _rowsRun;
    private long _generatedTokens;
    private long _cancelledRows;
    private long _rejected;
    private long _runningRows;

    /// <summary>Generations waiting for a generator now.</summary>
    public long QueueLength => Interlocked.Read(ref _queueLength);

    /// <summary>Rows in the generator that is running now (0 when none runs).</summary>
    public long RunningRows => Interlocked.Read(ref _runningRows);

    /// <summary>Generator runs started so far (one per batch).</summary>
    public long GeneratorRuns => Interlocked.Read(ref _generatorRuns);

    /// <summary>Rows handed to generators so far.</summary>
    public long RowsRun => Interlocked.Read(ref _rowsRun);

    /// <summary>Tokens generated so far.</summary>
    public long GeneratedTokens => Interlocked.Read(ref _generatedTokens);

    /// <summary>Generations cancelled by their callers, waiting or running.</summary>
    public long CancelledRows => Interlocked.Read(ref _cancelledRows);

    /// <summary>Generations refused because the queue was full.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    internal long TryEnterQueue(int capacity)
    {
        var length = Interlocked.Increment(ref _queueLength);
        if (length <= capacity)
        {
            return length;
        }

        Interlocked.Decrement(ref _queueLength);
        Interlocked.Increment(ref _rejected);
        return -1;
    }

    internal void LeaveQueue() => Interlocked.Decrement(ref _queueLength);

    // Counted when a run starts and when each row ends, before its caller is answered, so that a caller that has its
    // answer sees totals that include it.
    internal void RunStarted(int rows)
    {
        Interlocked.Increment(ref _generatorRuns);
        Interlocked.Add(ref _rowsRun, rows);
        Interlocked.Add(ref _runningRows, rows);
    }

    // A cancelled row is counted as cancelled before it leaves the running rows: whoever sees it gone also sees why.
    internal void RowFinished(int generatedTokens, bool cancelled)
    {
        Interlocked.Add(ref _generatedTokens, generatedTokens);
        if (cancelled)
        {
            Interlocked.Increment(ref _cancelledRows);
        }

        Interlocked.Decrement(ref _runningRows);
    }

    internal void AddCancelled() => Interlocked.Increment(ref _cancelledRows);
}
