using Vpo.Training.Construction.Sampling;
using Vpo.Training.Data;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// Text-level pairs without an LLM: the automatic principle checks judge a query's samples, and the first passing
/// sample (chosen) is paired with the first failing one (rejected). One pair per query; queries whose samples all
/// pass or all fail give none.
/// </summary>
public static class ChecksPairBuilder
{
    /// <summary>The pairs, in query order, with how many queries had only passing or only failing samples.</summary>
    public static (IReadOnlyList<PreferencePair> Pairs, ChecksPairCounts Counts) Build(IEnumerable<SampleSet> samples, ISampleCheck check)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(check);
        var pairs = new List<PreferencePair>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int queries = 0, allPass = 0, allFail = 0;
        foreach (var set in samples)
        {
            if (!seen.Add(set.Query))
            {
                continue;
            }

            queries++;
            string? passing = null;
            string? failing = null;
            string? reason = null;
            foreach (var sample in set.Samples.Select(s => s.Trim()))
            {
                var failure = check.Fail(set.Query, sample);
                if (failure is null)
                {
                    passing ??= sample;
                }
                else if (failing is null)
                {
                    failing = sample;
                    reason = failure;
                }
            }

            if (passing is null)
            {
                allFail++;
            }
            else if (failing is null)
            {
                allPass++;
            }
            else if (!string.Equals(passing, failing, StringComparison.Ordinal))
            {
                pairs.Add(new PreferencePair(set.Query, passing, failing, PreferenceSource.Text, "checks:" + reason));
            }
        }

        return (pairs, new ChecksPairCounts(queries, pairs.Count, allPass, allFail));
    }
}

/// <summary>What the automatic checks made of the sampled queries.</summary>
/// <param name="Queries">Distinct queries.</param>
/// <param name="Pairs">Pairs built.</param>
/// <param name="AllPassed">Queries whose samples all passed.</param>
/// <param name="AllFailed">Queries whose samples all failed.</param>
public sealed record ChecksPairCounts(int Queries, int Pairs, int AllPassed, int AllFailed);
