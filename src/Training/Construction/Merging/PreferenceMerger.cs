namespace Vpo.Training.Construction.Merging;

/// <summary>
/// The final preference set: the pair lists concatenated in the order given (text-level first), de-duplicated by
/// query (a query's first pair wins), then shuffled with a seeded generator.
/// </summary>
public static class PreferenceMerger
{
    /// <summary>The merged, shuffled pairs and how many duplicates were dropped.</summary>
    public static (IReadOnlyList<PreferencePair> Pairs, int Duplicates) Merge(IEnumerable<IEnumerable<PreferencePair>> lists, int seed)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merged = new List<PreferencePair>();
        var duplicates = 0;
        foreach (var pair in lists.SelectMany(list => list))
        {
            if (seen.Add(pair.Query))
            {
                merged.Add(pair);
            }
            else
            {
                duplicates++;
            }
        }

        var shuffled = merged.ToArray();
        new Random(seed).Shuffle(shuffled);
        return (shuffled, duplicates);
    }
}
