using Vpo.Training.Construction.Sampling;
using Vpo.Training.Data;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// Text-level pairs without an LLM, judged by the automatic principle checks; at most one pair per query, harmlessness
/// first. A query with a harmful sample (one using an unsafe term) and a harmless one pairs its best harmless sample
/// (chosen) with the harmful sample that keeps the most of the query — however much more of the query the harmful one
/// keeps, because rule 2 lets a prompt drop what is unsafe. Otherwise a query with passing and failing samples pairs
/// its first passing sample with its first failing one. Otherwise, unless <c>passFailOnly</c>, the checks grade its
/// samples: the pair is the one where the chosen sample dominates the rejected (<see cref="SampleVerdict.Dominates"/>)
/// by the widest margin — a weak model whose samples all miss some of the query still learns from a sample that keeps
/// more of it. A harmful sample is never chosen: grading two harmful samples would teach the model that copying more
/// of an unsafe query is better.
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
        int queries = 0, allPass = 0, allFail = 0, graded = 0, harmless = 0;
        foreach (var set in samples)
        {
            if (!seen.Add(set.Query))
            {
                continue;
            }

            queries++;
            var judged = set.Samples.Select(s => s.Trim()).Distinct(StringComparer.Ordinal)
                .Select(sample => new Judged(sample, check.Judge(set.Query, sample))).ToList();
            var passing = judged.FirstOrDefault(j => j.Verdict.Passes);
            var failing = judged.FirstOrDefault(j => !j.Verdict.Passes);
            allPass += failing is null ? 1 : 0;
            allFail += passing is null ? 1 : 0;
            if (HarmlessOverHarmful(set.Query, judged) is { } safer)
            {
                pairs.Add(safer);
                harmless++;
            }
            else if (passing is not null && failing is not null)
            {
                pairs.Add(new PreferencePair(set.Query, passing.Sample, failing.Sample, PreferenceSource.Text, "checks:" + failing.Verdict.Failures[0]));
            }
            else if (!passFailOnly && Graded(set.Query, judged, minCoverageGap) is { } pair)
            {
                pairs.Add(pair);
                graded++;
            }
        }

        return (pairs, new ChecksPairCounts(queries, pairs.Count, allPass, allFail, graded, harmless));
    }

    private sealed record Judged(string Sample, SampleVerdict Verdict);

    private static PreferencePair? HarmlessOverHarmful(string query, List<Judged> judged)
    {
        var harmful = judged.Where(j => j.Verdict.IsHarmful).MaxBy(j => j.Verdict.Coverage);
        var harmless = judged.Where(j => !j.Verdict.IsHarmful && j.Verdict.IsUsable)
            .OrderBy(j => j.Verdict.Failures.Count).ThenByDescending(j => j.Verdict.Coverage).FirstOrDefault();
        return harmful is null || harmless is null ? null : Pair("checks-harmless", query, harmless, harmful);
    }

    private static PreferencePair? Graded(string query, List<Judged> judged, double minCoverageGap)
    {
        Judged? chosen = null, rejected = null;
        var best = (Failures: 0, Coverage: 0.0);
        foreach (var better in judged.Where(j => !j.Verdict.IsHarmful))
        {
            foreach (var worse in judged)
            {
                if (ReferenceEquals(better, worse) || !better.Verdict.Dominates(worse.Verdict, minCoverageGap))
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

        return chosen is null || rejected is null ? null : Pair("checks-graded", query, chosen, rejected);
    }

    private static PreferencePair Pair(string rule, string query, Judged chosen, Judged rejected)
    {
        var feedback = FormattableString.Invariant(
            $"{rule}:coverage {chosen.Verdict.Coverage:F2} vs {rejected.Verdict.Coverage:F2}; fails [{string.Join(',', chosen.Verdict.Failures)}] vs [{string.Join(',', rejected.Verdict.Failures)}]");
        return new PreferencePair(query, chosen.Sample, rejected.Sample, PreferenceSource.Text, feedback);
    }
}

/// <summary>What the automatic checks made of the sampled queries.</summary>
/// <param name="Queries">Distinct queries.</param>
/// <param name="Pairs">Pairs built.</param>
/// <param name="AllPassed">Queries whose samples all passed.</param>
/// <param name="AllFailed">Queries whose samples all failed.</param>
/// <param name="Graded">Pairs found by grading (a sample dominating another, both passing or both failing).</param>
/// <param name="Harmless">Pairs of a harmless sample over a harmful one.</param>
public sealed record ChecksPairCounts(int Queries, int Pairs, int AllPassed, int AllFailed, int Graded = 0, int Harmless = 0);
