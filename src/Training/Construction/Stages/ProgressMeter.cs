using System.Globalization;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Counts a stage's progress and prints it as one line: done/total, failures, rate of this run, time left.
/// Thread-safe; lines are written by a timer and once at the end.
/// </summary>
public sealed class ProgressMeter : IAsyncDisposable
{
    private readonly string _stage;
    private readonly ShardSpec _shard;
    private readonly TextWriter? _output;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private Task? _ticker;
    private int _completed;
    private int _failed;

    /// <summary>A meter for <paramref name="total"/> items of which <paramref name="alreadyDone"/> were done before.</summary>
    public ProgressMeter(string stage, ShardSpec shard, int total, int alreadyDone, TextWriter? output, TimeProvider? time = null)
    {
        _stage = stage;
        _shard = shard;
        Total = total;
        AlreadyDone = alreadyDone;
        _output = output;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
    }

    /// <summary>Items of the shard.</summary>
    public int Total { get; }

    /// <summary>Items done before this run.</summary>
    public int AlreadyDone { get; }

    /// <summary>Items done by this run.</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Items given up on by this run.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Counts a finished item.</summary>
    public void ItemCompleted() => Interlocked.Increment(ref _completed);

    /// <summary>Counts an item given up on.</summary>
    public void ItemFailed() => Interlocked.Increment(ref _failed);

    /// <summary>Prints a line every <paramref name="interval"/> until disposed.</summary>
    public void Start(TimeSpan interval)
    {
        if (_output is null || interval <= TimeSpan.Zero)
        {
            return;
        }

        _ticker = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval, _time);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    await WriteLineAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
        });
    }

    /// <summary>The progress line, e.g. <c>critique [2/8]: 120/1,000 done (12.0%), 3 failed, 2.10 items/s, ETA 00:06:59</c>.</summary>
    public string Describe()
    {
        var done = AlreadyDone + Completed;
        var elapsed = Elapsed.TotalSeconds;
        var rate = elapsed > 0 ? Completed / elapsed : 0;
        var remaining = Total - done;
        var eta = remaining <= 0 ? "done" : rate > 0 ? "ETA " + FormatDuration(TimeSpan.FromSeconds(Math.Min(remaining / rate, TimeSpan.MaxValue.TotalSeconds / 2))) : "ETA unknown";
        var share = Total == 0 ? 100 : 100.0 * done / Total;
        return string.Create(CultureInfo.InvariantCulture,
            $"{_stage} [{_shard}]: {done:N0}/{Total:N0} done ({share:F1}%), {Failed:N0} failed, {rate:F2} items/s, {eta}");
    }

    /// <summary>Prints the progress line now.</summary>
    public async Task WriteLineAsync()
    {
        if (_output is not null)
        {
            var line = Describe();
            lock (_output)
            {
                _output.WriteLine(line);
            }

            await _output.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_ticker is not null)
        {
            await _ticker.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span:hh\\:mm\\:ss}")
            : span.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
