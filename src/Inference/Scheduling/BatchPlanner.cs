using Vpo.Inference.Generation;

namespace Vpo.Inference.Scheduling;

/// <summary>
/// Picks the next batch from the waiting requests. The oldest request is always in it (nobody starves); it is joined
/// by requests with the same search options, and when more of those wait than fit, by the ones whose prompt lengths
/// are closest to each other, since the runtime pads every prompt of a batch to the longest one.
/// </summary>
public static class BatchPlanner
{
    /// <summary>
    /// Removes the next batch from <paramref name="waiting"/> (ordered by arrival) and returns it ordered by arrival.
    /// </summary>
    public static IReadOnlyList<T> TakeNext<T>(List<T> waiting, int maxBatchSize, Func<T, SamplingOptions> options, Func<T, int> promptLength)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(promptLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        if (waiting.Count == 0)
        {
            return [];
        }

        var oldest = waiting[0];
        var oldestOptions = options(oldest);
        if (!oldestOptions.MayShareGenerator || maxBatchSize == 1)
        {
            waiting.RemoveAt(0);
            return [oldest];
        }

        var key = oldestOptions.BatchKey;
        var arrival = new Dictionary<T, int>(ReferenceEqualityComparer.Instance);
        var compatible = new List<T>();
        for (var index = 0; index < waiting.Count; index++)
        {
            var candidate = waiting[index];
            var candidateOptions = options(candidate);
            if (candidateOptions.MayShareGenerator && candidateOptions.BatchKey == key)
            {
                arrival[candidate] = index;
                compatible.Add(candidate);
            }
        }

        List<T> batch;
        if (compatible.Count <= maxBatchSize)
        {
            batch = compatible;
        }
        else
        {
            // Among the windows of maxBatchSize consecutive lengths that contain the oldest request, take the one
            // with the smallest spread of lengths (the least padding); ties go to the earlier arrivals.
            var byLength = compatible.OrderBy(promptLength).ThenBy(candidate => arrival[candidate]).ToList();
            var oldestAt = byLength.IndexOf(oldest);
            var bestStart = -1;
            var bestSpread = int.MaxValue;
            var bestArrivals = long.MaxValue;
            for (var start = Math.Max(0, oldestAt - maxBatchSize + 1); start <= Math.Min(oldestAt, byLength.Count - maxBatchSize); start++)
            {
                var spread = promptLength(byLength[start + maxBatchSize - 1]) - promptLength(byLength[start]);
                long arrivals = 0;
                for (var offset = 0; offset < maxBatchSize; offset++)
                {
                    arrivals += arrival[byLength[start + offset]];
                }

                if (spread < bestSpread || (spread == bestSpread && arrivals < bestArrivals))
                {
                    (bestStart, bestSpread, bestArrivals) = (start, spread, arrivals);
                }
            }

            batch = [.. byLength.GetRange(bestStart, maxBatchSize).OrderBy(candidate => arrival[candidate])];
        }

        var taken = new HashSet<T>(batch, ReferenceEqualityComparer.Instance);
        waiting.RemoveAll(taken.Contains);
        return batch;
    }
}
