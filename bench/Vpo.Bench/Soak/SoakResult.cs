namespace Vpo.Bench.Soak;

/// <summary>Resident memory of the service under steady load.</summary>
/// <param name="Concurrency">Clients during the soak.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="Failures">Requests that failed.</param>
/// <param name="Samples">Seconds since the soak began and resident megabytes then.</param>
public sealed record SoakResult(int Concurrency, int Requests, int Failures, IReadOnlyList<MemorySample> Samples)
{
    /// <summary>Resident memory at the first sample.</summary>
    public double StartMegabytes => Samples.Count > 0 ? Samples[0].ResidentMegabytes : 0;

    /// <summary>Resident memory at the last sample.</summary>
    public double EndMegabytes => Samples.Count > 0 ? Samples[^1].ResidentMegabytes : 0;

    /// <summary>Growth from start to end, as a fraction of the start.</summary>
    public double Growth => StartMegabytes > 0 ? (EndMegabytes - StartMegabytes) / StartMegabytes : 0;
}

/// <summary>The service's resident memory at one moment of the soak.</summary>
public sealed record MemorySample(double Seconds, double ResidentMegabytes);
