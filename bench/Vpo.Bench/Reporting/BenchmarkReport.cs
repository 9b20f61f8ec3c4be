using Vpo.Bench.Generation;
using Vpo.Bench.Load;
using Vpo.Bench.Machine;
using Vpo.Bench.Soak;

namespace Vpo.Bench.Reporting;

/// <summary>Everything one run measured, and the ratios the targets are stated in.</summary>
public sealed record BenchmarkReport(
    DateTimeOffset Started,
    MachineDescription Machine,
    BenchmarkSettings Settings,
    long ModelBytes,
    double CopyBytesPerSecond,
    BareLoopResult Bare,
    IReadOnlyList<PhaseProfile> Phases,
    IReadOnlyList<LoadLevelResult> Batched,
    IReadOnlyList<LoadLevelResult> Unbatched,
    SoakResult? Soak)
{
    /// <summary>Decode tokens/s at batch 1 if every token only had to read the weights once at the copy bandwidth.</summary>
    public double RooflineTokensPerSecond => ModelBytes > 0 ? CopyBytesPerSecond / ModelBytes : 0;

    /// <summary>Bare batch-1 decode rate as a share of the roofline.</summary>
    public double DecodeShareOfRoofline => RooflineTokensPerSecond > 0 ? Bare.DecodeTokensPerSecond / RooflineTokensPerSecond : 0;

    /// <summary>Generated tokens/s with batching over without, at <paramref name="concurrency"/> clients; null when either level is missing.</summary>
    public double? BatchingGain(int concurrency)
    {
        var on = Batched.FirstOrDefault(level => level.Concurrency == concurrency);
        var off = Unbatched.FirstOrDefault(level => level.Concurrency == concurrency);
        return on is null || off is null || off.GeneratedTokensPerSecond <= 0 ? null : on.GeneratedTokensPerSecond / off.GeneratedTokensPerSecond;
    }

    /// <summary>
    /// The bare runtime's own gain from batching on these prompts: generated tokens/s of one generator at the batch
    /// limit over one at batch 1 — the most the service's batching can reach.
    /// </summary>
    public double? BareBatchingGain =>
        Phases.Count >= 2 && Phases[0].GeneratedTokensPerSecond > 0 ? Phases[^1].GeneratedTokensPerSecond / Phases[0].GeneratedTokensPerSecond : null;

    /// <summary>
    /// Decode tokens/s of one generator at the batch limit over one at batch 1: the batching gain if processing the
    /// prompts cost nothing, so a bound on what even a shared prompt prefix could bring.
    /// </summary>
    public double? DecodeBatchingGain =>
        Phases.Count >= 2 && Phases[0].DecodeTokensPerSecond > 0 ? Phases[^1].DecodeTokensPerSecond / Phases[0].DecodeTokensPerSecond : null;

    /// <summary>
    /// The batching service at as many clients as its batch limit, as a share of one bare generator at that batch
    /// size: how close the scheduler and HTTP layer come to what the runtime can do with full batches.
    /// </summary>
    public double? ServiceShareOfBareBatch
    {
        get
        {
            var full = Batched.FirstOrDefault(level => level.Concurrency == Settings.MaxBatchSize);
            return full is null || Phases.Count < 2 || Phases[^1].GeneratedTokensPerSecond <= 0
                ? null
                : full.GeneratedTokensPerSecond / Phases[^1].GeneratedTokensPerSecond;
        }
    }

    /// <summary>How much slower the service is than the bare loop at one client: 1 - service tok/s ÷ bare tok/s.</summary>
    public double? ServiceOverhead
    {
        get
        {
            var single = Batched.FirstOrDefault(level => level.Concurrency == 1);
            return single is null || Bare.GeneratedTokensPerSecond <= 0 ? null : 1 - (single.GeneratedTokensPerSecond / Bare.GeneratedTokensPerSecond);
        }
    }
}
