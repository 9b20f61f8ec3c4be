using System.Globalization;

namespace Vpo.Training.Reporting;

/// <summary>Reads the loss columns back from a run's metrics file (for the loss curve).</summary>
public static class MetricsCsvReader
{
    /// <summary>The (step, loss) points of training updates and of held-out evaluations.</summary>
    public static (IReadOnlyList<(long Step, double Loss)> Train, IReadOnlyList<(long Step, double Loss)> Eval) ReadLosses(string path)
    {
        var train = new List<(long, double)>();
        var eval = new List<(long, double)>();
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext())
        {
            return (train, eval);
        }

        var header = lines.Current.Split(',');
        var kind = Array.IndexOf(header, "kind");
        var step = Array.IndexOf(header, "step");
        var loss = Array.IndexOf(header, "loss");
        if (kind < 0 || step < 0 || loss < 0)
        {
            throw new InvalidOperationException($"{path} lacks the kind, step or loss column.");
        }

        while (lines.MoveNext())
        {
            var cells = lines.Current.Split(',');
            if (cells.Length != header.Length)
            {
                // A row cut short by a crash is skipped rather than failing the whole plot.
                continue;
            }

            var point = (long.Parse(cells[step], CultureInfo.InvariantCulture), double.Parse(cells[loss], CultureInfo.InvariantCulture));
            (cells[kind] == "eval" ? eval : train).Add(point);
        }

        return (train, eval);
    }
}
