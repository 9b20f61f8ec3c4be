using ScottPlot;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>A grouped bar chart (PNG) of the headline shares, one colour per optimizer.</summary>
public static class ChartWriter
{
    /// <summary>Writes the chart to <paramref name="path"/>.</summary>
    public static void WritePng(EvaluationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.Optimizers.Select(o => ReportMetrics.Headline(o, report.Thresholds)).ToList();
        // Only metrics that at least one optimizer has (the judge's, the unsafe-query one may be absent).
        var labels = rows.Count == 0 ? [] : rows[0].Select(r => r.Label)
            .Where((_, i) => rows.Any(row => row[i].Share is not null)).ToList();
        var groupWidth = report.Optimizers.Count + 1;
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var o = 0; o < report.Optimizers.Count; o++)
        {
            var values = rows[o].Where(r => labels.Contains(r.Label)).ToList();
            var bars = values.Select((metric, i) => new Bar
            {
                Position = (i * groupWidth) + o,
                Value = (metric.Share ?? 0) * 100,
                FillColor = palette.GetColor(o),
                Size = 0.9,
            }).ToList();
            var series = plot.Add.Bars(bars);
            series.LegendText = report.Optimizers[o].Optimizer;
        }

        var centre = (report.Optimizers.Count - 1) / 2.0;
        plot.Axes.Bottom.SetTicks(labels.Select((_, i) => (i * groupWidth) + centre).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 170;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.Label.Text = "% of prompts";
        plot.Axes.SetLimitsY(0, 105);
        plot.Title($"Text-level alignment on {report.Items} queries");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Math.Max(900, (labels.Count * groupWidth * 22) + 200), 620);
    }
}
