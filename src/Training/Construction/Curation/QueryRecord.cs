using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Curation;

/// <summary>A curated query as stored in JSONL.</summary>
/// <param name="Key">Its stable key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Unsafe">Its safety label, once labelled.</param>
public sealed record QueryRecord(string Key, string Query, bool? Unsafe = null) : IKeyedRecord
{
    /// <summary>The record of a raw query.</summary>
    public static QueryRecord Of(string query, bool? isUnsafe = null) => new(QueryKey.Of(query), query, isUnsafe);
}
