namespace Vpo.Bench.Load;

/// <summary>Percentiles of a set of durations, in milliseconds (nearest-rank, so every value is one that was measured).</summary>
public sealed record LatencySummary(double P50, double P95, double P99, double Mean)
{
    /// <summary>The summary of <paramref name="milliseconds"/>; all zeros when there are none.</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted.Average());
    }

    private static double Rank(double[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
