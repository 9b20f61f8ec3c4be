using Vpo.Bench.Load;

namespace Vpo.Bench.Reporting;

/// <summary>The report's images (ScottPlot): throughput against concurrency, and resident memory over the soak.</summary>
public static class ReportCharts
{
    /// <summary>Generated tokens/s at each concurrency, batching on and off, with the bare loop as a reference line.</summary>
    public static void SaveThroughput(string path, BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = new ScottPlot.Plot();
        plot.Title("Generated tokens/s by concurrency");
        plot.XLabel("concurrent clients (log2)");
        plot.YLabel("generated tokens/s");
        AddLevels(plot, report.Batched, $"service, max batch {report.Settings.MaxBatchSize}");
        AddLevels(plot, report.Unbatched, "service, max batch 1");
        var bare = plot.Add.HorizontalLine(report.Bare.GeneratedTokensPerSecond);
        bare.LegendText = "bare GenAI loop, 1 stream";
        bare.LinePattern = ScottPlot.LinePattern.Dashed;
        var ticks = report.Settings.Concurrencies.Select(c => new ScottPlot.Tick(Math.Log2(c), c.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimitsY(0, Math.Max(1, report.Batched.Concat(report.Unbatched).Select(l => l.GeneratedTokensPerSecond).Append(report.Bare.GeneratedTokensPerSecond).Max() * 1.15));
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 800, 500);
    }

    /// <summary>Resident megabytes of the service across the soak.</summary>
    public static void SaveSoak(string path, BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Soak is not { Samples.Count: > 0 } soak)
        {
            return;
        }

        var plot = new ScottPlot.Plot();
        plot.Title($"Service resident memory during the soak ({soak.Concurrency} clients)");
        plot.XLabel("minutes");
        plot.YLabel("resident MB");
        plot.Add.ScatterLine(soak.Samples.Select(s => s.Seconds / 60).ToArray(), soak.Samples.Select(s => s.ResidentMegabytes).ToArray());
        plot.Axes.SetLimitsY(0, soak.Samples.Max(s => s.ResidentMegabytes) * 1.2);
        plot.SavePng(path, 800, 400);
    }

    private static void AddLevels(ScottPlot.Plot plot, IReadOnlyList<LoadLevelResult> levels, string label)
    {
        if (levels.Count == 0)
        {
            return;
        }

        var line = plot.Add.ScatterLine(levels.Select(l => Math.Log2(l.Concurrency)).ToArray(), levels.Select(l => l.GeneratedTokensPerSecond).ToArray());
        line.LegendText = label;
        line.MarkerSize = 7;
    }
}
