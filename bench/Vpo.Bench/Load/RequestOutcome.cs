namespace Vpo.Bench.Load;

/// <summary>One answered request as the client saw it.</summary>
/// <param name="LatencyMs">From sending the request to the end of the stream.</param>
/// <param name="TimeToFirstTokenMs">From sending the request to the first text delta.</param>
/// <param name="QueueMs">The service's own queue time (its <c>timings.queue_ms</c>).</param>
/// <param name="GeneratedTokens">Completion tokens the service reported.</param>
public sealed record RequestOutcome(double LatencyMs, double TimeToFirstTokenMs, double QueueMs, int GeneratedTokens);
