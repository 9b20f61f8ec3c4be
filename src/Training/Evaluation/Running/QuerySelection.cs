namespace Vpo.Training.Evaluation.Running;

/// <summary>Which queries of a query list (<see cref="Data.QueryListReader"/>) an evaluation run takes.</summary>
public static class QuerySelection
{
    /// <summary>
    /// The queries a run evaluates: all of them, or <paramref name="limit"/> of them — the first ones, or, with a
    /// <paramref name="seed"/>, a seeded random sample — each keeping its position in the file.
    /// </summary>
    public static IReadOnlyList<QueryItem> Select(IReadOnlyList<string> queries, int? limit, int? seed)
    {
        ArgumentNullException.ThrowIfNull(queries);
        IEnumerable<QueryItem> items = queries.Select((query, index) => new QueryItem(index, query));
        if (seed is { } s)
        {
            var random = new Random(s);
            items = items.OrderBy(_ => random.Next());
        }

        return (limit is { } n ? items.Take(n) : items).ToList();
    }
}
