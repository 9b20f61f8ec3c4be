using System.Diagnostics;
using System.Diagnostics.Metrics;
using Vpo.Inference.Scheduling;

namespace Vpo.Inference.Telemetry;

/// <summary>
/// The optimizer's OpenTelemetry-compatible instruments (meter and activity source <c>Vpo.Inference</c>): queue
/// length and time, batch size, time to first token, generated tokens and tokens per second.
/// </summary>
public sealed class InferenceTelemetry
{
    /// <summary>Name of the meter and of the activity source; subscribe to it to export the optimizer's signals.</summary>
    public const string SourceName = "Vpo.Inference";

    /// <summary>Traces of generator runs and optimizations.</summary>
    public static readonly ActivitySource ActivitySource = new(SourceName);

    private readonly Histogram<double> _queueTime;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _generatedTokens;
    private readonly Histogram<double> _tokensPerSecond;
    private readonly Counter<long> _generatorRuns;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _cancelled;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>; the queue length is read from <paramref name="statistics"/> on collection.</summary>
    public InferenceTelemetry(IMeterFactory meterFactory, SchedulerStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(statistics);
        var meter = meterFactory.Create(SourceName);
        meter.CreateObservableGauge("vpo.queue.length", () => statistics.QueueLength, "{request}", "Generations waiting for a generator.");
        _queueTime = meter.CreateHistogram<double>("vpo.queue.time", "s", "Time a generation waited for a generator.");
        _batchSize = meter.CreateHistogram<int>("vpo.batch.size", "{row}", "Rows per generator run.");
        _timeToFirstToken = meter.CreateHistogram<double>("vpo.time_to_first_token", "s", "From a generation's arrival to its first token.");
        _generatedTokens = meter.CreateCounter<long>("vpo.generated_tokens", "{token}", "Tokens generated.");
        _tokensPerSecond = meter.CreateHistogram<double>("vpo.tokens_per_second", "{token}/s", "Generated tokens per second of one answer, from its generator's start to its end.");
        _generatorRuns = meter.CreateCounter<long>("vpo.generator.runs", "{run}", "Generator runs (batches).");
        _rejected = meter.CreateCounter<long>("vpo.queue.rejected", "{request}", "Generations refused because the queue was full.");
        _cancelled = meter.CreateCounter<long>("vpo.generation.cancelled", "{request}", "Generations whose caller cancelled before they ended.");
    }

    internal void RecordQueueTime(TimeSpan waited) => _queueTime.Record(waited.TotalSeconds);

    internal void RecordTimeToFirstToken(TimeSpan sinceArrival) => _timeToFirstToken.Record(sinceArrival.TotalSeconds);

    internal void RecordRejected() => _rejected.Add(1);

    internal void RecordCancelled() => _cancelled.Add(1);

    internal void RecordRunStarted(int rows)
    {
        _generatorRuns.Add(1);
        _batchSize.Record(rows);
    }

    internal void RecordRowFinished(int generatedTokens, TimeSpan elapsed, bool cancelled)
    {
        _generatedTokens.Add(generatedTokens);
        if (!cancelled && elapsed > TimeSpan.Zero)
        {
            _tokensPerSecond.Record(generatedTokens / elapsed.TotalSeconds);
        }
    }
}
