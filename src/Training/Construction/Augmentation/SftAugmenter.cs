using Vpo.Training.Data;

namespace Vpo.Training.Construction.Augmentation;

/// <summary>What <see cref="SftAugmenter"/> made.</summary>
public sealed record AugmentationResult(IReadOnlyList<AugmentedPair> Pairs, int Originals, int Variants, int Unswappable, int PoolWords);

/// <summary>An SFT set plus shared-word variants of its pairs (<see cref="SharedWordSwapper"/>).</summary>
public static class SftAugmenter
{
    /// <summary>Every original pair, then <paramref name="copies"/> rounds of variants (one per pair that has a swappable word).</summary>
    public static AugmentationResult Augment(IReadOnlyList<SftRecord> pairs, int copies, double share, int maxSwaps, int seed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        var pool = SwapPool.FromPairs(pairs);
        var swapper = new SharedWordSwapper(pool, share, maxSwaps);
        var random = new Random(seed);
        var output = pairs.Select(p => new AugmentedPair(p.Query, p.Prompt, p.Line, [])).ToList();
        var unswappable = new HashSet<int>();
        for (var copy = 0; copy < copies; copy++)
        {
            foreach (var pair in pairs)
            {
                var variant = swapper.Swap(pair.Query, pair.Prompt, random);
                if (variant is not { } v)
                {
                    unswappable.Add(pair.Line);
                    continue;
                }

                output.Add(new AugmentedPair(v.Query, v.Prompt, pair.Line, v.Swaps));
            }
        }

        return new AugmentationResult(output, pairs.Count, output.Count - pairs.Count, unswappable.Count, pool.Count);
    }
}
