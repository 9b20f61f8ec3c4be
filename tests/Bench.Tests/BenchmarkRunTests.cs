using System.Text.Json;

namespace Vpo.Bench.Tests;

/// <summary>The whole benchmark, shortened, against the real service process and the tiny ONNX model.</summary>
public sealed class BenchmarkRunTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "vpo-bench-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_short_run_measures_every_level_and_writes_the_report_and_charts()
    {
        var repository = Repository.Root;
        var settings = new BenchmarkSettings
        {
            ModelFolder = Path.Combine(repository, "tests", "Fixtures", "tiny-llama"),
            QueriesFile = Path.Combine(repository, "data", "splits", "validation-queries.json"),
            ServiceApphost = Repository.ServiceApphost,
            OutputFolder = _output,
            Concurrencies = [1, 4],
            LevelDuration = TimeSpan.FromSeconds(1.5),
            WarmUpDuration = TimeSpan.FromSeconds(0.5),
            NewTokens = 12,
            MaxBatchSize = 8,
            SoakDuration = TimeSpan.FromSeconds(3),
            SoakConcurrency = 4,
            Command = "test",
        };

        var report = await BenchmarkRun.RunAsync(settings, new Progress<string>(), TestContext.Current.CancellationToken);

        Assert.Equal([1, 4], report.Batched.Select(level => level.Concurrency));
        Assert.Equal([1, 4], report.Unbatched.Select(level => level.Concurrency));
        Assert.All(report.Batched, level => Assert.Equal(8, level.MaxBatchSize));
        Assert.All(report.Unbatched, level => Assert.Equal(1, level.MaxBatchSize));
        foreach (var level in report.Batched.Concat(report.Unbatched))
        {
            Assert.True(level.Requests > 0, $"max batch {level.MaxBatchSize}, {level.Concurrency} clients answered nothing");
            Assert.Equal(0, level.Failures);
            Assert.Equal(level.Requests * 12L, level.GeneratedTokens);
            Assert.InRange(level.Latency.P50, level.TimeToFirstToken.P50, double.MaxValue);
        }

        Assert.All(report.Unbatched, level => Assert.Equal(1.0, level.MeanBatchSize, 6));
        Assert.True(report.Batched.Single(level => level.Concurrency == 4).MeanBatchSize > 1, "four clients never shared a batch");
        Assert.True(report.Bare.Requests > 0 && report.Bare.DecodeTokensPerSecond > 0);
        Assert.Equal([1, 8], report.Phases.Select(phase => phase.BatchSize));
        Assert.All(report.Phases, phase => Assert.Equal(phase.BatchSize * 12, phase.GeneratedTokens));
        Assert.True(report.Phases[1].PromptTokens > report.Phases[0].PromptTokens);
        Assert.True(report.CopyBytesPerSecond > 1e8, $"copy bandwidth {report.CopyBytesPerSecond} bytes/s");
        Assert.True(report.Soak!.Samples.Count >= 2 && report.Soak.Requests > 0);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_output, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| 8 | 4 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | 4 |", markdown, StringComparison.Ordinal);
        Assert.Contains("batching on ÷ off", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_output, "results.json"), TestContext.Current.CancellationToken));
        Assert.Equal(2, json.RootElement.GetProperty("Batched").GetArrayLength());
        Assert.True(new FileInfo(Path.Combine(_output, "throughput.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(_output, "soak-rss.png")).Length > 1000);
    }

    [Fact]
    public async Task A_missing_service_build_is_reported_before_any_load()
    {
        var settings = new BenchmarkSettings
        {
            ModelFolder = Path.Combine(Repository.Root, "tests", "Fixtures", "tiny-llama"),
            QueriesFile = Path.Combine(Repository.Root, "data", "splits", "validation-queries.json"),
            ServiceApphost = Path.Combine(_output, "no-such-apphost"),
            OutputFolder = _output,
            LevelDuration = TimeSpan.FromSeconds(0.2),
            Concurrencies = [1],
            SoakDuration = TimeSpan.Zero,
        };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => BenchmarkRun.RunAsync(settings, new Progress<string>(), TestContext.Current.CancellationToken));

        Assert.Contains("dotnet build src/Api", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("concurrency")]
    [InlineData("new-tokens")]
    [InlineData("model")]
    [InlineData("warm-up-seconds")]
    public void Bad_settings_name_the_option_at_fault(string option)
    {
        var settings = new BenchmarkSettings
        {
            ModelFolder = option == "model" ? "/no/such/model" : Path.Combine(Repository.Root, "onnx"),
            QueriesFile = Path.Combine(Repository.Root, "data", "splits", "validation-queries.json"),
            ServiceApphost = Repository.ServiceApphost,
            OutputFolder = _output,
            Concurrencies = option == "concurrency" ? [0] : [1],
            NewTokens = option == "new-tokens" ? 0 : 8,
            WarmUpDuration = option == "warm-up-seconds" ? TimeSpan.FromSeconds(-1) : TimeSpan.Zero,
        };

        var error = Assert.Throws<ArgumentException>(settings.Validate);

        Assert.Contains("--" + option, error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
