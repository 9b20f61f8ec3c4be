using Vpo.Bench.Generation;
using Vpo.Bench.Load;
using Vpo.Bench.Machine;
using Vpo.Bench.Reporting;
using Vpo.Bench.Soak;

namespace Vpo.Bench;

/// <summary>
/// One whole benchmark: machine and bandwidth, the bare loop, the service with batching at every concurrency, the
/// service without batching at every concurrency, then the soak on the batching service; writes the report.
/// Each phase runs alone, so the load generator never competes with the bare loop for the cores.
/// </summary>
public static class BenchmarkRun
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Measures and writes report.md, results.json, throughput.png and soak-rss.png into the output folder.</summary>
    public static async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        settings.Validate();
        var started = DateTimeOffset.UtcNow;
        var queries = await BenchmarkQueries.ReadAsync(settings.QueriesFile, settings.Seed, cancellationToken).ConfigureAwait(false);
        var machine = MachineDescription.Current();
        progress.Report("measuring memory-copy bandwidth");
        var bandwidth = MemoryBandwidth.MeasureCopyBytesPerSecond();
        var modelBytes = Directory.EnumerateFiles(settings.ModelFolder).Where(f => f.Contains(".onnx", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length);

        progress.Report($"bare GenAI loop for {settings.LevelDuration.TotalSeconds:F0} s");
        var (prompts, padTokenId) = BareGenAiLoop.Template(settings.ModelFolder, queries);
        BareLoopResult bare;
        PhaseProfile[] phases;
        using (var model = BareGenAiLoop.LoadModel(settings.ModelFolder))
        {
            bare = BareGenAiLoop.Run(model, prompts, settings.NewTokens, settings.LevelDuration);
            progress.Report($"bare loop: {bare.GeneratedTokensPerSecond:F0} tok/s, decode {bare.DecodeTokensPerSecond:F0} tok/s");
            phases = new[] { 1, settings.MaxBatchSize }
                .Select(batch => BareGenAiLoop.Profile(model, prompts, padTokenId, batch, settings.NewTokens)).ToArray();
        }

        progress.Report($"phases: batch 1 prefill {phases[0].PrefillShare:P0} of the run; batch {settings.MaxBatchSize} prefill {phases[1].PrefillShare:P0}");

        var batched = new List<LoadLevelResult>();
        SoakResult? soak = null;
        await using (var service = await StartServiceAsync(settings, settings.MaxBatchSize, cancellationToken).ConfigureAwait(false))
        {
            await RunLevelsAsync(service, settings.MaxBatchSize, queries, settings, batched, progress, cancellationToken).ConfigureAwait(false);
            if (settings.SoakDuration > TimeSpan.Zero)
            {
                soak = await SoakRun.RunAsync(service, settings.MaxBatchSize, queries, settings.NewTokens, settings.SoakConcurrency, settings.SoakDuration,
                    TimeSpan.FromSeconds(Math.Clamp(settings.SoakDuration.TotalSeconds / 60, 1, 10)), progress, cancellationToken).ConfigureAwait(false);
            }
        }

        var unbatched = new List<LoadLevelResult>();
        await using (var service = await StartServiceAsync(settings, 1, cancellationToken).ConfigureAwait(false))
        {
            await RunLevelsAsync(service, 1, queries, settings, unbatched, progress, cancellationToken).ConfigureAwait(false);
        }

        var report = new BenchmarkReport(started, machine, settings, modelBytes, bandwidth, bare, phases, batched, unbatched, soak);
        await ReportFiles.WriteAsync(report, settings.OutputFolder, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static Task<ServiceProcess> StartServiceAsync(BenchmarkSettings settings, int maxBatchSize, CancellationToken cancellationToken) =>
        ServiceProcess.StartAsync(settings.ServiceApphost,
        [
            $"Inference:ModelPath={Path.GetFullPath(settings.ModelFolder)}",
            $"Inference:MaxBatchSize={maxBatchSize}",
            // Closed-loop clients never exceed their concurrency, so the queue must hold the largest level.
            "Inference:QueueCapacity=1024",
            "Logging:LogLevel:Default=Warning",
        ], ReadyTimeout, cancellationToken);

    private static async Task RunLevelsAsync(
        ServiceProcess service, int maxBatchSize, IReadOnlyList<string> queries, BenchmarkSettings settings, List<LoadLevelResult> levels,
        IProgress<string> progress, CancellationToken cancellationToken)
    {
        if (settings.WarmUpDuration > TimeSpan.Zero)
        {
            // A service measured right after start spends ~10% of its CPU in the JIT's background tier-up of the code
            // it has just run (perf: ".NET Tiered Com" threads), which a long-running service has long finished.
            var warmUpClients = Math.Min(4, settings.Concurrencies.Max());
            progress.Report($"service, max batch {maxBatchSize}: warm-up, {warmUpClients} clients for {settings.WarmUpDuration.TotalSeconds:F0} s (not measured)");
            await new ClosedLoopLoad(service, maxBatchSize, queries, new LoadSettings(settings.NewTokens, settings.WarmUpDuration))
                .RunAsync(warmUpClients, cancellationToken).ConfigureAwait(false);
        }

        var load = new ClosedLoopLoad(service, maxBatchSize, queries, new LoadSettings(settings.NewTokens, settings.LevelDuration));
        foreach (var concurrency in settings.Concurrencies)
        {
            progress.Report($"service, max batch {maxBatchSize}, {concurrency} clients for {settings.LevelDuration.TotalSeconds:F0} s");
            var level = await load.RunAsync(concurrency, cancellationToken).ConfigureAwait(false);
            levels.Add(level);
            progress.Report($"  {level.RequestsPerSecond:F2} requests/s, {level.GeneratedTokensPerSecond:F0} tok/s, p95 {level.Latency.P95:F0} ms, mean batch {level.MeanBatchSize:F1}, {level.Failures} failed");
        }
    }
}
