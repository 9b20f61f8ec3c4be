using Vpo.Bench.Generation;
using Vpo.Bench.Load;
using Vpo.Bench.Machine;
using Vpo.Bench.Reporting;
using Vpo.Bench.Soak;

namespace Vpo.Bench.Tests.Reporting;

/// <summary>Benchmark reports with chosen numbers, for checking the arithmetic and the rendering.</summary>
internal static class SampleReport
{
    /// <summary>A report with the given rates; the phases, machine and soak are fixed.</summary>
    public static BenchmarkReport Create(double batchedTokens, double unbatchedTokens, double singleTokens, double bareTokens, double bareDecode, double soakEnd)
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
