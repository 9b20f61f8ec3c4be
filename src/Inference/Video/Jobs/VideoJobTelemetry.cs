using System.Diagnostics.Metrics;

namespace Vpo.Inference.Video.Jobs;

/// <summary>Video job instruments (meter <c>Vpo.Videos</c>): jobs created and finished, by backend and status.</summary>
public sealed class VideoJobTelemetry
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Vpo.Videos";

    private readonly Counter<long> _created;
    private readonly Counter<long> _finished;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public VideoJobTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("vpo.videos.jobs.created", "{job}", "Video jobs created, by backend.");
        _finished = meter.CreateCounter<long>("vpo.videos.jobs.finished", "{job}", "Video jobs finished, by backend and final status.");
    }

    /// <summary>Counts a new job.</summary>
    public void RecordCreated(string backend) => _created.Add(1, new KeyValuePair<string, object?>("backend", backend));

    /// <summary>Counts a job that reached <paramref name="status"/>.</summary>
    public void RecordFinished(string backend, VideoJobStatus status) =>
        _finished.Add(1, new KeyValuePair<string, object?>("backend", backend), new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
}
