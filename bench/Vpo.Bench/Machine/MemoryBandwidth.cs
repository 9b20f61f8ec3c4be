using System.Diagnostics;

namespace Vpo.Bench.Machine;

/// <summary>
/// This machine's memory-copy bandwidth: bytes copied per second between two buffers far larger than the caches,
/// best of several copies (the STREAM "copy" convention counts read plus write traffic and would report twice this).
/// </summary>
public static class MemoryBandwidth
{
    /// <summary>Copies a <paramref name="megabytes"/> buffer <paramref name="repeats"/> times; returns the best rate in bytes/s.</summary>
    public static double MeasureCopyBytesPerSecond(int megabytes = 256, int repeats = 8)
    {
        var size = megabytes * 1024 * 1024;
        var source = GC.AllocateUninitializedArray<byte>(size);
        var target = GC.AllocateUninitializedArray<byte>(size);
        // Touch every page first so the copies measure memory, not page faults.
        source.AsSpan().Fill(1);
        target.AsSpan().Fill(2);
        var best = double.MaxValue;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var started = Stopwatch.GetTimestamp();
            source.AsSpan().CopyTo(target);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return size / best;
    }
}
