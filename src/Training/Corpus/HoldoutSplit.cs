namespace Vpo.Training.Corpus;

/// <summary>
/// The validation split of real queries: every n-th query of a released list, by position. A positional rule
/// (rather than a seeded shuffle) gives the same split in any language or tool that reads the JSON array.
/// </summary>
public static class HoldoutSplit
{
    public static (IReadOnlyList<string> Validation, IReadOnlyList<string> Training) Split(IReadOnlyList<string> queries, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 2);
        var validation = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            (i % every == 0 ? validation : rest).Add(queries[i]);
        }
        return (validation, rest);
    }
}
