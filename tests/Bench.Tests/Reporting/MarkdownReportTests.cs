using Vpo.Bench.Generation;
using Vpo.Bench.Load;
using Vpo.Bench.Machine;
using Vpo.Bench.Reporting;
using Vpo.Bench.Soak;

namespace Vpo.Bench.Tests.Reporting;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Ratios_are_computed_from_the_levels_and_marked_against_their_targets()
    {
        var report = Report(batchedTokens: 900, unbatchedTokens: 200, singleTokens: 95, bareTokens: 100, bareDecode: 40, soakEnd: 104);

        Assert.Equal(4.5, report.BatchingGain(16)!.Value, 3);
        Assert.Equal(0.05, report.ServiceOverhead!.Value, 3);
        Assert.Equal(100, report.RooflineTokensPerSecond, 3);
        Assert.Equal(0.04, report.Soak!.Growth, 3);
        Assert.Equal((2048 / 3.5) / (128 / 0.5), report.BareBatchingGain!.Value, 6);
        Assert.Equal(900 / (2048 / 3.5), report.ServiceShareOfBareBatch!.Value, 6);

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("| batching on ÷ off, generated tok/s at 16 clients | 4.50× | ≥ 4× | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 5.0 % | ≤ 10% | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 % | ≥ 50% | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4.0 % | ≤ 5% | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 16 | 3200 | 1.600 | 2000 | 1.900 | 1069 | 585 | 46 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("The runtime alone gains 2.29× from batching", markdown, StringComparison.Ordinal);
        Assert.Contains("At 16 clients the batching service generates 900 tok/s (mean batch 1.0): 154 % of one bare generator at batch 16 (585 tok/s).", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missed_batching_target_says_no()
    {
        var markdown = MarkdownReport.Render(Report(batchedTokens: 300, unbatchedTokens: 200, singleTokens: 50, bareTokens: 100, bareDecode: 80, soakEnd: 200));

        Assert.Contains("| 1.50× | ≥ 4× | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 50.0 % | ≤ 10% | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100.0 % | ≤ 5% | no |", markdown, StringComparison.Ordinal);
    }

    private static BenchmarkReport Report(double batchedTokens, double unbatchedTokens, double singleTokens, double bareTokens, double bareDecode, double soakEnd)
    {
        var zero = new LatencySummary(0, 0, 0, 0);
        LoadLevelResult Level(int batch, int clients, double tokensPerSecond) =>
            new(batch, clients, 10, 0, 10, (long)(tokensPerSecond * 10), zero, zero, zero, 1, 1, 100);
        var settings = new BenchmarkSettings { ModelFolder = "m", QueriesFile = "q", ServiceApphost = "a", OutputFolder = "o", Concurrencies = [1, 16] };
        return new BenchmarkReport(
            DateTimeOffset.UnixEpoch,
            new MachineDescription("cpu", 2, 8, "linux", ".NET", "0.18.0"),
            settings,
            ModelBytes: 1_000_000,
            CopyBytesPerSecond: 100_000_000,
            new BareLoopResult(10, 10, (long)(bareTokens * 10), bareDecode, 5),
            [new PhaseProfile(1, 200, 0.1, 0.4, 128), new PhaseProfile(16, 3200, 1.6, 1.9, 2048)],
            [Level(16, 1, singleTokens), Level(16, 16, batchedTokens)],
            [Level(1, 1, singleTokens), Level(1, 16, unbatchedTokens)],
            new SoakResult(16, 100, 0, [new MemorySample(0, 100), new MemorySample(600, soakEnd)]));
    }
}
