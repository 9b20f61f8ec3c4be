using Vpo.Training.Storage;

namespace Vpo.Training.Reporting;

/// <summary>Draws a run's training and held-out loss against the update number (ScottPlot).</summary>
public static class LossCurvePlot
{
    /// <summary>
    /// Writes the image to <paramref name="path"/>: PNG for a <c>.png</c> name, SVG for <c>.svg</c>.
    /// Training loss is drawn per update with a moving average over it; held-out loss as markers per epoch.
    /// </summary>
    public static void Save(string path, string title, IReadOnlyList<(long Step, double Loss)> train, IReadOnlyList<(long Step, double Loss)> eval)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"The loss curve is written as .png or .svg; got \"{path}\".", nameof(path));
        }

        var plot = new ScottPlot.Plot();
        plot.Title(title);
        plot.XLabel("update");
        plot.YLabel("loss");
        if (train.Count > 0)
        {
            var steps = train.Select(p => (double)p.Step).ToArray();
            var raw = plot.Add.ScatterLine(steps, train.Select(p => p.Loss).ToArray());
            raw.LegendText = "train";
            raw.LineWidth = 1;
            raw.Color = ScottPlot.Colors.SteelBlue.WithAlpha(0.45);
            var window = Math.Max(1, train.Count / 50);
            if (window > 1)
            {
                var smooth = plot.Add.ScatterLine(steps, MovingAverage(train.Select(p => p.Loss).ToArray(), window));
                smooth.LegendText = $"train ({window}-update mean)";
                smooth.LineWidth = 2;
                smooth.Color = ScottPlot.Colors.Navy;
            }
        }

        if (eval.Count > 0)
        {
            var held = plot.Add.Scatter(eval.Select(p => (double)p.Step).ToArray(), eval.Select(p => p.Loss).ToArray());
            held.LegendText = "held-out";
            held.MarkerSize = 9;
            held.LineWidth = 2;
            held.Color = ScottPlot.Colors.OrangeRed;
        }

        plot.ShowLegend();
        AtomicFile.Write(path, temporary =>
        {
            if (extension == ".png")
            {
                plot.SavePng(temporary, 900, 540);
            }
            else
            {
                plot.SaveSvg(temporary, 900, 540);
            }
        });
    }

    private static double[] MovingAverage(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
            {
                sum -= values[i - window];
            }

            result[i] = sum / Math.Min(i + 1, window);
        }

        return result;
    }
}
