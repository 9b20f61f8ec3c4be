using System.Globalization;

namespace Vpo.Bench.Load;

/// <summary>
/// Reads the service's <c>/metrics</c> page (Prometheus text format): the value of a sample summed over its labels.
/// Histograms are read through their <c>_sum</c> and <c>_count</c> samples, whose full names carry the unit suffix
/// the exporter chose, so metrics are found by their prefix.
/// </summary>
public sealed class PrometheusText
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    /// <summary>Parses a scraped page; comment lines and malformed lines are skipped.</summary>
    public static PrometheusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var page = new PrometheusText();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd <= 0)
            {
                continue;
            }

            var valueStart = line[0..].LastIndexOf('}') is var brace and > 0 ? brace + 1 : nameEnd;
            var fields = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var name = line[..nameEnd];
            page._samples[name] = page._samples.GetValueOrDefault(name) + value;
        }

        return page;
    }

    /// <summary>The summed value of the first sample whose name starts with <paramref name="prefix"/> and ends with <paramref name="suffix"/>; 0 when absent.</summary>
    public double Value(string prefix, string suffix) =>
        _samples.Where(sample => sample.Key.StartsWith(prefix, StringComparison.Ordinal) && sample.Key.EndsWith(suffix, StringComparison.Ordinal))
            .Select(sample => sample.Value).FirstOrDefault();

    /// <summary>A histogram's mean over the interval between <paramref name="before"/> and <paramref name="after"/>; 0 when nothing was recorded.</summary>
    public static double MeanBetween(PrometheusText before, PrometheusText after, string prefix)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var count = after.Value(prefix, "_count") - before.Value(prefix, "_count");
        return count > 0 ? (after.Value(prefix, "_sum") - before.Value(prefix, "_sum")) / count : 0;
    }
}
