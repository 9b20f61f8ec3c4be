namespace Vpo.Bench.Soak;

/// <summary>Resident memory of the service under steady load.</summary>
/// <param name="Concurrency">Clients during the soak.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="Failures">Requests that failed.</param>
/// <param name="Samples">Seconds since the soak began and resident megabytes then.</param>
public sealed record SoakResult(int Concurrency, int Requests, int Failures, IReadOnlyList<MemorySample> Samples)
{
    /// <summary>
    /// Resident memory at the start: the median of the first minute's samples (or of the first tenth of a shorter
    /// soak). A single sample swings by tens of megabytes as batches allocate and free their buffers.
    /// </summary>
    public double StartMegabytes => Median(Samples.Take(WindowSize));

    /// <summary>Resident memory at the end: the median of the last minute's samples.</summary>
    public double EndMegabytes => Median(Samples.Skip(Math.Max(0, Samples.Count - WindowSize)));

    private int WindowSize
    {
        get
        {
            if (Samples.Count < 2)
            {
                return Samples.Count;
            }

            var interval = (Samples[^1].Seconds - Samples[0].Seconds) / (Samples.Count - 1);
            var perMinute = interval > 0 ? (int)Math.Round(60 / interval) : Samples.Count;
            return Math.Clamp(Math.Min(perMinute, Samples.Count / 10), 1, Samples.Count);
        }
    }

    private static double Median(IEnumerable<MemorySample> samples)
    {
        var sorted = samples.Select(s => s.ResidentMegabytes).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Growth from start to end, as a fraction of the start.</summary>
    public double Growth => StartMegabytes > 0 ? (EndMegabytes - StartMegabytes) / StartMegabytes : 0;
}

/// <summary>The service's resident memory at one moment of the soak.</summary>
public sealed record MemorySample(double Seconds, double ResidentMegabytes);
