namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Labels a user query unsafe, with its T2VSafetyBench categories, from the lexicon. Only the query's text
/// counts: a <c>-neg porn, gore</c> list asks to avoid those things, so flags are stripped first.
/// </summary>
public sealed class UnsafeQueryDetector(UnsafeLexicon lexicon)
{
    /// <summary>A detector over the lexicon shipped with the assembly.</summary>
    public UnsafeQueryDetector()
        : this(UnsafeLexicon.Default)
    {
    }

    /// <summary>Labels a raw query (HTML entities and flags are handled here).</summary>
    public UnsafeQueryLabel Detect(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parsed = QueryFlagParser.Parse(query);
        return Label(lexicon.Find(parsed.Body));
    }

    internal static UnsafeQueryLabel Label(IReadOnlyList<UnsafeTermMatch> matches) =>
        new(matches.Count > 0, matches.Select(m => m.Category).Distinct().Order().ToList(), matches);
}
