using System.Diagnostics.Metrics;

namespace Vpo.Api.Hosting;

/// <summary>The API's own instruments (meter <c>Vpo.Api</c>): optimize requests by outcome.</summary>
public sealed class ApiTelemetry
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Vpo.Api";

    private readonly Counter<long> _requests;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public ApiTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("vpo.optimize.requests", "{request}", "Optimize requests by outcome.");
    }

    /// <summary>Counts one optimize request that ended with <paramref name="outcome"/>.</summary>
    public void RecordRequest(RequestOutcome outcome) =>
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            RequestOutcome.Ok => "ok",
            RequestOutcome.Invalid => "invalid",
            RequestOutcome.QueueFull => "queue_full",
            RequestOutcome.Cancelled => "cancelled",
            _ => "error",
        }));
}

/// <summary>How an optimize request ended.</summary>
public enum RequestOutcome
{
    /// <summary>Answered 200.</summary>
    Ok,

    /// <summary>Refused as bad input (400, 413, 415).</summary>
    Invalid,

    /// <summary>Refused because the queue was full (503).</summary>
    QueueFull,

    /// <summary>The client went away or the request timed out.</summary>
    Cancelled,

    /// <summary>Failed on the server.</summary>
    Error,
}
