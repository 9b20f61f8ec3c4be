using System.Collections.Concurrent;
using System.Diagnostics;

namespace Vpo.Bench.Load;

/// <summary>
/// Closed-loop load: <c>concurrency</c> clients each send a request, wait for its answer and send the next, until the
/// level's duration is over; requests in flight at the deadline are finished and counted. Queries are taken in the
/// fixed shuffled order, shared by all clients.
/// </summary>
/// <param name="service">The service under load.</param>
/// <param name="serviceMaxBatchSize">The batch limit <paramref name="service"/> was started with, recorded in each result.</param>
/// <param name="queries">The queries, in the order they are sent.</param>
/// <param name="settings">What each request asks for and how long a level lasts.</param>
public sealed class ClosedLoopLoad(ServiceProcess service, int serviceMaxBatchSize, IReadOnlyList<string> queries, LoadSettings settings)
{
    /// <summary>Runs one level and reads the service's counters around it.</summary>
    public async Task<LoadLevelResult> RunAsync(int concurrency, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency + 4 })
        {
            BaseAddress = service.BaseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
        var client = new StreamingOptimizeClient(http);
        var before = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
        var cpuBefore = service.CpuTime;
        var outcomes = new ConcurrentBag<RequestOutcome>();
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var lastAnswer = TimeSpan.Zero;
        var gate = new object();

        async Task ClientAsync()
        {
            while (clock.Elapsed < settings.Duration)
            {
                var query = queries[(int)((uint)Interlocked.Increment(ref next) % (uint)queries.Count)];
                try
                {
                    outcomes.Add(await client.OptimizeAsync(query, settings.NewTokens, cancellationToken).ConfigureAwait(false));
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                lock (gate)
                {
                    lastAnswer = clock.Elapsed;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(ClientAsync, cancellationToken))).ConfigureAwait(false);
        var seconds = lastAnswer.TotalSeconds;
        var cpu = service.CpuTime - cpuBefore;
        var after = await ScrapeAsync(http, cancellationToken).ConfigureAwait(false);
        var answered = outcomes.ToArray();
        return new LoadLevelResult(
            serviceMaxBatchSize,
            concurrency,
            answered.Length,
            failures,
            seconds,
            answered.Sum(outcome => (long)outcome.GeneratedTokens),
            LatencySummary.Of(answered.Select(outcome => outcome.LatencyMs).ToArray()),
            LatencySummary.Of(answered.Select(outcome => outcome.TimeToFirstTokenMs).ToArray()),
            LatencySummary.Of(answered.Select(outcome => outcome.QueueMs).ToArray()),
            PrometheusText.MeanBetween(before, after, "vpo_batch_size"),
            seconds > 0 ? cpu.TotalSeconds / seconds : 0,
            service.PeakResidentBytes / 1048576.0);
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient http, CancellationToken cancellationToken) =>
        PrometheusText.Parse(await http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false));
}
