namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Splits labelled queries into disjoint SFT and DPO query sets of the asked sizes, each with the asked share of
/// unsafe queries (the paper: about 10k each, about 1k of them unsafe). Safe and unsafe queries are shuffled with a
/// seeded generator; when there are too few, the sets shrink and the counts say so.
/// </summary>
public static class QuerySplitter
{
    /// <summary>The two sets and their counts.</summary>
    public static (IReadOnlyList<QueryRecord> Sft, IReadOnlyList<QueryRecord> Dpo, SplitCounts Counts) Split(
        IReadOnlyList<QueryRecord> labelled, int sftSize, int dpoSize, double safetyShare, int seed)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentOutOfRangeException.ThrowIfNegative(sftSize);
        ArgumentOutOfRangeException.ThrowIfNegative(dpoSize);
        if (safetyShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(safetyShare), safetyShare, "The safety share must be between 0 and 1.");
        }

        var unique = labelled.Where(q => q.Unsafe is not null).DistinctBy(q => q.Query, StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var unsafeQueries = unique.Where(q => q.Unsafe == true).ToArray();
        var safeQueries = unique.Where(q => q.Unsafe == false).ToArray();
        random.Shuffle(unsafeQueries);
        random.Shuffle(safeQueries);

        var wantUnsafeSft = (int)Math.Round(sftSize * safetyShare);
        var wantUnsafeDpo = (int)Math.Round(dpoSize * safetyShare);
        var unsafeSft = Math.Min(wantUnsafeSft, unsafeQueries.Length * wantUnsafeSft / Math.Max(1, wantUnsafeSft + wantUnsafeDpo));
        var unsafeDpo = Math.Min(wantUnsafeDpo, unsafeQueries.Length - unsafeSft);
        var safeSft = Math.Min(sftSize - unsafeSft, safeQueries.Length * (sftSize - unsafeSft) / Math.Max(1, sftSize - unsafeSft + dpoSize - unsafeDpo));
        var safeDpo = Math.Min(dpoSize - unsafeDpo, safeQueries.Length - safeSft);

        var sft = unsafeQueries.Take(unsafeSft).Concat(safeQueries.Take(safeSft)).ToArray();
        var dpo = unsafeQueries.Skip(unsafeSft).Take(unsafeDpo).Concat(safeQueries.Skip(safeSft).Take(safeDpo)).ToArray();
        random.Shuffle(sft);
        random.Shuffle(dpo);
        var counts = new SplitCounts(labelled.Count, labelled.Count(q => q.Unsafe is null), unsafeQueries.Length, safeQueries.Length,
            sft.Length, unsafeSft, dpo.Length, unsafeDpo);
        return (sft, dpo, counts);
    }
}

/// <summary>What the split took.</summary>
/// <param name="Labelled">Records read.</param>
/// <param name="Unlabelled">Records without a label (left out).</param>
/// <param name="UnsafeAvailable">Distinct unsafe queries.</param>
/// <param name="SafeAvailable">Distinct safe queries.</param>
/// <param name="Sft">SFT set size.</param>
/// <param name="SftUnsafe">Unsafe queries in it.</param>
/// <param name="Dpo">DPO set size.</param>
/// <param name="DpoUnsafe">Unsafe queries in it.</param>
public sealed record SplitCounts(int Labelled, int Unlabelled, int UnsafeAvailable, int SafeAvailable, int Sft, int SftUnsafe, int Dpo, int DpoUnsafe);
