using Vpo.Training.Construction.Sampling;
using Vpo.Training.Data;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// Text-level pairs without an LLM, judged by the automatic principle checks; at most one pair per query.
/// A query with passing and failing samples pairs its first passing sample (chosen) with its first failing one.
/// Otherwise, unless <c>passFailOnly</c>, the checks grade its samples: the pair is the one where the chosen sample
/// dominates the rejected (<see cref="SampleVerdict.Dominates"/>) by the widest margin — a weak model whose samples all
/// miss some of the query still learns from a sample that keeps more of it.
/// </summary>
public static class ChecksPairBuilder
{
    /// <summary>The coverage margin of a graded pair by default: about one content word of a typical query.</summary>
    public const double DefaultMinCoverageGap = 0.15;

    /// <summary>The pairs, in query order, with how they were found.</summary>
    public static (IReadOnlyList<PreferencePair> Pairs, ChecksPairCounts Counts) Build(
        IEnumerable<SampleSet> samples, ISampleCheck check, double minCoverageGap = DefaultMinCoverageGap, bool passFailOnly = false)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minCoverageGap);
        var pairs = new List<PreferencePair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int queries = 0, allPass = 0, allFail = 0, graded = 0;
        foreach (var set in samples)
        {
            if (!seen.Add(set.Query))
            {
                continue;
            }

            queries++;
            var judged = set.Samples.Select(s => s.Trim()).Distinct(StringComparer.Ordinal)
                .Select(sample => (Sample: sample, Verdict: check.Judge(set.Query, sample))).ToList();
            var passing = judged.FirstOrDefault(j => j.Verdict.Passes);
            var failing = judged.FirstOrDefault(j => !j.Verdict.Passes);
            if (passing.Sample is not null && failing.Sample is not null)
            {
                pairs.Add(new PreferencePair(set.Query, passing.Sample, failing.Sample, PreferenceSource.Text, "checks:" + failing.Verdict.Failures[0]));
                continue;
            }

            if (passing.Sample is null)
            {
                allFail++;
            }
            else
            {
                allPass++;
            }

            if (!passFailOnly && Graded(set.Query, judged, minCoverageGap) is { } pair)
            {
                pairs.Add(pair);
                graded++;
            }
        }

        return (pairs, new ChecksPairCounts(queries, pairs.Count, allPass, allFail, graded));
    }

    private static PreferencePair? Graded(string query, List<(string Sample, SampleVerdict Verdict)> judged, double minCoverageGap)
    {
        (string Sample, SampleVerdict Verdict)? chosen = null, rejected = null;
        var best = (Failures: 0, Coverage: 0.0);
        foreach (var better in judged)
        {
            foreach (var worse in judged)
            {
                if (ReferenceEquals(better.Sample, worse.Sample) || !better.Verdict.Dominates(worse.Verdict, minCoverageGap))
                {
                    continue;
                }

                var margin = (Failures: worse.Verdict.Failures.Count - better.Verdict.Failures.Count, Coverage: better.Verdict.Coverage - worse.Verdict.Coverage);
                if (chosen is null || margin.Failures > best.Failures || (margin.Failures == best.Failures && margin.Coverage > best.Coverage))
                {
                    (chosen, rejected, best) = (better, worse, margin);
                }
            }
        }

        if (chosen is not { } c || rejected is not { } r)
        {
            return null;
        }

        var feedback = FormattableString.Invariant(
            $"checks-graded:coverage {c.Verdict.Coverage:F2} vs {r.Verdict.Coverage:F2}; fails [{string.Join(',', c.Verdict.Failures)}] vs [{string.Join(',', r.Verdict.Failures)}]");
        return new PreferencePair(query, c.Sample, r.Sample, PreferenceSource.Text, feedback);
    }
}

/// <summary>What the automatic checks made of the sampled queries.</summary>
/// <param name="Queries">Distinct queries.</param>
/// <param name="Pairs">Pairs built.</param>
/// <param name="AllPassed">Queries whose samples all passed.</param>
/// <param name="AllFailed">Queries whose samples all failed.</param>
/// <param name="Graded">Pairs of those queries found by grading (a sample dominating another).</param>
public sealed record ChecksPairCounts(int Queries, int Pairs, int AllPassed, int AllFailed, int Graded = 0);
