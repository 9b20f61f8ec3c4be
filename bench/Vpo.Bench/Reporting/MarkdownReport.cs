using System.Globalization;
using System.Text;
using Vpo.Bench.Load;

namespace Vpo.Bench.Reporting;

/// <summary>The written report: machine, command, the load table, the ratios against their targets, the soak.</summary>
public static class MarkdownReport
{
    /// <summary>Renders <paramref name="report"/> as markdown (invariant culture).</summary>
    public static string Render(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var text = new StringBuilder();
        Line(text, "# Optimizer service benchmark");
        Line(text, "");
        Line(text, $"Run {report.Started:yyyy-MM-dd HH:mm} UTC. Command: `{s.Command}`");
        Line(text, "");
        Line(text, "## Machine");
        Line(text, "");
        Line(text, $"- Processor: {report.Machine.Processor}, {report.Machine.LogicalCores} logical cores; memory {report.Machine.MemoryGigabytes:F1} GB");
        Line(text, $"- {report.Machine.OperatingSystem}; {report.Machine.Runtime}; ONNX Runtime GenAI {report.Machine.GenAiVersion} (CPU)");
        Line(text, $"- Memory-copy bandwidth (best of 8 copies of 256 MB, bytes copied per second): {report.CopyBytesPerSecond / 1e9:F2} GB/s");
        Line(text, "");
        Line(text, "## Workload");
        Line(text, "");
        Line(text, $"- Model: `{s.ModelFolder}` ({report.ModelBytes / 1048576.0:F1} MB of ONNX graph and weights)");
        Line(text, $"- Queries: real user queries from `{s.QueriesFile}`, shuffled with seed {s.Seed}, sent in the same order at every level");
        Line(text, $"- Every request: greedy, exactly {s.NewTokens} new tokens (`max_new_tokens` = `min_new_tokens`), streamed (`Accept: text/event-stream`)");
        Line(text, $"- Closed loop: each client sends its next request when the previous answer ends; {s.LevelDuration.TotalSeconds:F0} s per level, requests in flight at the deadline are finished and counted; each freshly started service first gets {s.WarmUpDuration.TotalSeconds:F0} s of unmeasured load (the JIT's tier-up of a new process)");
        Line(text, $"- The service runs as its own process on loopback; CPU = its CPU time ÷ wall time (cores busy), peak memory = its resident high-water mark");
        Line(text, "");
        Line(text, "## Load");
        Line(text, "");
        Line(text, "| max batch | clients | requests | failed | requests/s | generated tok/s | latency p50 / p95 / p99 ms | first token p50 / p95 ms | queue p50 / p95 ms | mean batch | CPU cores | peak RSS MB |");
        Line(text, "|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var level in report.Batched.Concat(report.Unbatched))
        {
            Line(text, $"| {level.MaxBatchSize} | {level.Concurrency} | {level.Requests} | {level.Failures} | {level.RequestsPerSecond:F2} | {level.GeneratedTokensPerSecond:F0} | " +
                $"{level.Latency.P50:F0} / {level.Latency.P95:F0} / {level.Latency.P99:F0} | {level.TimeToFirstToken.P50:F0} / {level.TimeToFirstToken.P95:F0} | " +
                $"{level.QueueTime.P50:F0} / {level.QueueTime.P95:F0} | {level.MeanBatchSize:F1} | {level.CpuCores:F2} | {level.PeakResidentMegabytes:F0} |");
        }

        Line(text, "");
        Line(text, $"Bare ONNX Runtime GenAI loop in process, one query at a time, same prompts: {report.Bare.Requests} requests in {report.Bare.Seconds:F1} s, " +
            $"{report.Bare.GeneratedTokensPerSecond:F0} generated tok/s (prefill included), decode {report.Bare.DecodeTokensPerSecond:F0} tok/s, mean prefill {report.Bare.MeanPrefillMs:F0} ms.");
        Line(text, "");
        Line(text, "![throughput](throughput.png)");
        Line(text, "");
        Line(text, "## Where the time goes");
        Line(text, "");
        Line(text, "One bare generator over the benchmark's first prompts (right-padded as the service pads them), greedy, best of 3 runs:");
        Line(text, "");
        Line(text, "| batch | prompt tokens | prefill s | prefill tok/s | decode s | decode tok/s | generated tok/s | prefill share |");
        Line(text, "|---|---|---|---|---|---|---|---|");
        foreach (var phase in report.Phases)
        {
            Line(text, $"| {phase.BatchSize} | {phase.PromptTokens} | {phase.PrefillSeconds:F3} | {phase.PrefillTokensPerSecond:F0} | {phase.DecodeSeconds:F3} | {phase.DecodeTokensPerSecond:F0} | {phase.GeneratedTokensPerSecond:F0} | {phase.PrefillShare:P0} |");
        }

        if (report.BareBatchingGain is { } bareGain)
        {
            Line(text, "");
            Line(text, $"The runtime alone gains {bareGain:F2}× from batching these prompts: the most the service's batching can reach on this machine.");
        }

        if (report.DecodeBatchingGain is { } decodeGain)
        {
            Line(text, "");
            Line(text, $"Decoding alone gains {decodeGain:F2}× at batch {report.Phases[^1].BatchSize}: the gain if processing the prompts cost nothing " +
                "(a bound on what computing the instruction's shared prefix once could bring).");
        }

        if (report.ServiceShareOfBareBatch is { } share)
        {
            var full = report.Batched.First(level => level.Concurrency == s.MaxBatchSize);
            Line(text, "");
            Line(text, $"At {s.MaxBatchSize} clients the batching service generates {full.GeneratedTokensPerSecond:F0} tok/s (mean batch {full.MeanBatchSize:F1}): " +
                $"{share:P0} of one bare generator at batch {s.MaxBatchSize} ({report.Phases[^1].GeneratedTokensPerSecond:F0} tok/s).");
        }

        Line(text, "");
        Line(text, "## Ratios against the targets");
        Line(text, "");
        Line(text, "| ratio | measured | target | met |");
        Line(text, "|---|---|---|---|");
        var gain = report.BatchingGain(16);
        Ratio(text, "batching on ÷ off, generated tok/s at 16 clients", gain is { } g ? $"{g:F2}×" : "not measured", "≥ 4×", gain >= 4);
        var overhead = report.ServiceOverhead;
        Ratio(text, "service overhead vs the bare loop at 1 client (1 − service tok/s ÷ bare tok/s)", overhead is { } o ? $"{o:P1}" : "not measured", "≤ 10%", overhead <= 0.10);
        Ratio(text, $"batch-1 decode ÷ roofline ({report.RooflineTokensPerSecond:F0} tok/s = bandwidth ÷ model bytes)", $"{report.DecodeShareOfRoofline:P0}", "≥ 50%", report.DecodeShareOfRoofline >= 0.5);
        if (report.Soak is { } soak)
        {
            Ratio(text, $"resident memory growth over the {s.SoakDuration.TotalMinutes:F0}-minute soak", $"{soak.Growth:P1}", "≤ 5%", soak.Growth <= 0.05);
            Line(text, "");
            Line(text, "## Soak");
            Line(text, "");
            Line(text, $"{s.SoakDuration.TotalMinutes:F0} minutes at {soak.Concurrency} clients on the batching service: {soak.Requests} requests answered, {soak.Failures} failed; " +
                $"resident memory {soak.StartMegabytes:F0} MB at the start and {soak.EndMegabytes:F0} MB at the end (medians of the first and last minute's samples; " +
                $"single samples: first {soak.Samples[0].ResidentMegabytes:F0} MB, last {soak.Samples[^1].ResidentMegabytes:F0} MB), highest {soak.Samples.Max(x => x.ResidentMegabytes):F0} MB.");
            Line(text, "");
            Line(text, "![soak](soak-rss.png)");
        }

        return text.ToString();
    }

    private static void Ratio(StringBuilder text, string name, string measured, string target, bool? met) =>
        Line(text, $"| {name} | {measured} | {target} | {(met == true ? "yes" : "no")} |");

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
