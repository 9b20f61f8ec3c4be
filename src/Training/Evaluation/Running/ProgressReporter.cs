using System.Diagnostics;
using System.Globalization;

namespace Vpo.Training.Evaluation.Running;

/// <summary>Prints "done/total, failures, rate, ETA" for one optimizer, at most once a second, and a closing line.</summary>
public sealed class ProgressReporter
{
    private readonly TextWriter _writer;
    private readonly string _name;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly TimeSpan _interval;
    private TimeSpan? _lastPrint;
    private int _done;
    private int _failed;
    private int _worked;

    /// <summary>A reporter for <paramref name="total"/> items of which <paramref name="alreadyDone"/> were done by an earlier run.</summary>
    public ProgressReporter(TextWriter writer, string name, int total, int alreadyDone, TimeSpan? interval = null)
    {
        _writer = writer;
        _name = name;
        _total = total;
        _done = alreadyDone;
        _interval = interval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts one finished item.</summary>
    public void Advance(bool failed)
    {
        lock (_lock)
        {
            _done++;
            _worked++;
            if (failed)
            {
                _failed++;
            }

            if (_lastPrint is not { } last || _clock.Elapsed - last >= _interval || _done == _total)
            {
                _lastPrint = _clock.Elapsed;
                _writer.WriteLine(Line());
            }
        }
    }

    /// <summary>Prints the closing line.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{_name}] finished: {_done}/{_total} done, {_failed} failed, {_worked} in this run in {_clock.Elapsed.TotalSeconds:F1} s"));
        }
    }

    private string Line()
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var rate = _worked / seconds;
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total - _done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{_name}] {_done}/{_total} done, {_failed} failed, {rate:F1}/s, ETA {eta:hh\\:mm\\:ss}");
    }
}
