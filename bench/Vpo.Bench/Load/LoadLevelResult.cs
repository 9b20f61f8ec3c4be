namespace Vpo.Bench.Load;

/// <summary>One closed-loop level against the service.</summary>
/// <param name="MaxBatchSize">The service's batch limit (1 turns batching off).</param>
/// <param name="Concurrency">Clients, each with one request in flight.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="Failures">Requests that failed.</param>
/// <param name="Seconds">From the first request to the last answer.</param>
/// <param name="GeneratedTokens">Completion tokens of the answered requests.</param>
/// <param name="Latency">Request latency, client side.</param>
/// <param name="TimeToFirstToken">Time to the first streamed text, client side.</param>
/// <param name="QueueTime">The service's queue time per request.</param>
/// <param name="MeanBatchSize">Rows per generator run over the level (the service's histogram).</param>
/// <param name="CpuCores">Service CPU time over wall time: cores kept busy on average.</param>
/// <param name="PeakResidentMegabytes">The service's resident-memory high-water mark at the level's end.</param>
public sealed record LoadLevelResult(
    int MaxBatchSize,
    int Concurrency,
    int Requests,
    int Failures,
    double Seconds,
    long GeneratedTokens,
    LatencySummary Latency,
    LatencySummary TimeToFirstToken,
    LatencySummary QueueTime,
    double MeanBatchSize,
    double CpuCores,
    double PeakResidentMegabytes)
{
    /// <summary>Answered requests per second.</summary>
    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    /// <summary>Completion tokens per second over the level.</summary>
    public double GeneratedTokensPerSecond => Seconds > 0 ? GeneratedTokens / Seconds : 0;
}
