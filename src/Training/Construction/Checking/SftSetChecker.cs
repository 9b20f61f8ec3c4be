using Vpo.Training.Data;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Checking;

/// <summary>
/// Runs the evaluation's automatic principle checks over hand-written or generated SFT pairs, so a set is held to the
/// same rules its model will be scored by (length, one paragraph, no intro phrase or refusal, no unsafe term, every
/// content word of the query kept, no <c>-neg</c> item). Unsafe queries' rewrites drop words on purpose; they show up
/// as Imprecise and are for the reader to judge.
/// </summary>
public static class SftSetChecker
{
    /// <summary>One verdict per pair, and the set's summary.</summary>
    public static (IReadOnlyList<SftPairCheck> Checks, SftSetSummary Summary) Check(
        IEnumerable<(string File, SftRecord Pair)> pairs, PrincipleChecker checker, int lowest)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentOutOfRangeException.ThrowIfNegative(lowest);
        var checks = pairs.Select(p =>
        {
            var report = checker.Check(p.Pair.Query, p.Pair.Prompt);
            return new SftPairCheck(p.File, p.Pair.Line, p.Pair.Query, report.Failures, report.Coverage, report.MissingWords, report.WordCount);
        }).ToList();
        var measured = checks.Where(c => c.Coverage is not null).ToList();
        var byKind = checks.SelectMany(c => c.Failures).GroupBy(k => k).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var summary = new SftSetSummary(
            checks.Count,
            checks.Count(c => c.Failures.Count == 0),
            byKind,
            measured.Count == 0 ? null : measured.Average(c => c.Coverage!.Value),
            measured.Count,
            measured.OrderBy(c => c.Coverage).ThenBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).Take(lowest).ToList());
        return (checks, summary);
    }
}
