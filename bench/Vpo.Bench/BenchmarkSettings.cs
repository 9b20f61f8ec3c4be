namespace Vpo.Bench;

/// <summary>What one benchmark run measures and with which inputs.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>The served model folder.</summary>
    public required string ModelFolder { get; init; }

    /// <summary>JSON array of real queries.</summary>
    public required string QueriesFile { get; init; }

    /// <summary>The built service (Vpo.Api apphost).</summary>
    public required string ServiceApphost { get; init; }

    /// <summary>Where report.md, results.json and the charts go.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Closed-loop client counts.</summary>
    public IReadOnlyList<int> Concurrencies { get; init; } = [1, 4, 16, 64];

    /// <summary>How long each level (and the bare loop) sends requests.</summary>
    public TimeSpan LevelDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Unmeasured load on each freshly started service before its levels; zero skips it.</summary>
    public TimeSpan WarmUpDuration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Tokens every request generates (min = max, greedy).</summary>
    public int NewTokens { get; init; } = 128;

    /// <summary>Batch limit of the batching-on service.</summary>
    public int MaxBatchSize { get; init; } = 16;

    /// <summary>Soak length; zero skips the soak.</summary>
    public TimeSpan SoakDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Clients during the soak.</summary>
    public int SoakConcurrency { get; init; } = 16;

    /// <summary>Shuffles the queries.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The command line, quoted in the report.</summary>
    public string Command { get; init; } = "";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (!Directory.Exists(ModelFolder))
        {
            throw new ArgumentException($"--model: no folder {ModelFolder}.");
        }

        if (!File.Exists(QueriesFile))
        {
            throw new ArgumentException($"--queries: no file {QueriesFile}.");
        }

        if (Concurrencies.Count == 0 || Concurrencies.Any(c => c < 1))
        {
            throw new ArgumentException("--concurrency: give one or more positive client counts, e.g. 1,4,16,64.");
        }

        if (LevelDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--level-seconds must be positive.");
        }

        if (WarmUpDuration < TimeSpan.Zero)
        {
            throw new ArgumentException("--warm-up-seconds must be 0 or more.");
        }

        if (NewTokens < 1)
        {
            throw new ArgumentException("--new-tokens must be at least 1.");
        }

        if (MaxBatchSize < 2)
        {
            throw new ArgumentException("--max-batch must be at least 2 (1 is the batching-off run, always measured).");
        }

        if (SoakDuration < TimeSpan.Zero || SoakConcurrency < 1)
        {
            throw new ArgumentException("--soak-minutes must be 0 or more and --soak-concurrency at least 1.");
        }
    }
}
