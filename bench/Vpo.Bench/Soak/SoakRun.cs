using Vpo.Bench.Load;

namespace Vpo.Bench.Soak;

/// <summary>Steady closed-loop load for a long time while the service's resident memory is sampled.</summary>
public static class SoakRun
{
    /// <summary>Runs <paramref name="concurrency"/> clients for <paramref name="duration"/>, sampling memory every <paramref name="interval"/>.</summary>
    public static async Task<SoakResult> RunAsync(
        ServiceProcess service, int serviceMaxBatchSize, IReadOnlyList<string> queries, int newTokens, int concurrency, TimeSpan duration, TimeSpan interval,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var load = new ClosedLoopLoad(service, serviceMaxBatchSize, queries, new LoadSettings(newTokens, duration));
        var samples = new List<MemorySample>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            do
            {
                var megabytes = service.ResidentBytes / 1048576.0;
                lock (samples)
                {
                    samples.Add(new MemorySample(clock.Elapsed.TotalSeconds, megabytes));
                }

                progress?.Report($"soak {clock.Elapsed:mm\\:ss}/{duration:mm\\:ss}: resident {megabytes:F0} MB");
            }
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false));
        }, CancellationToken.None);

        var level = await load.RunAsync(concurrency, cancellationToken).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await sampler.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The sampler ends by cancellation.
        }

        samples.Add(new MemorySample(clock.Elapsed.TotalSeconds, service.ResidentBytes / 1048576.0));
        return new SoakResult(concurrency, level.Requests, level.Failures, samples);
    }
}
