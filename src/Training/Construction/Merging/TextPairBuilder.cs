using Vpo.Training.Construction.Critique;
using Vpo.Training.Data;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// Text-level pairs from the refinements of misaligned samples: chosen = the refined prompt, rejected = the sample.
/// One pair per query: when several of a query's samples were refined, one is drawn with the seeded generator
/// (the authors shuffle and keep each query's first).
/// </summary>
public static class TextPairBuilder
{
    /// <summary>The pairs, in order of each query's first refinement.</summary>
    public static IReadOnlyList<PreferencePair> Build(IEnumerable<RefinementRecord> refinements, int seed)
    {
        ArgumentNullException.ThrowIfNull(refinements);
        var random = new Random(seed);
        var pairs = new List<PreferencePair>();
        foreach (var group in refinements.Where(r => r.Sample is not null).GroupBy(r => r.Query, StringComparer.Ordinal))
        {
            var candidates = group
                .DistinctBy(r => r.Key, StringComparer.Ordinal)
                .Where(r => !string.Equals(r.Refined.Trim(), r.Prompt.Trim(), StringComparison.Ordinal))
                .OrderBy(r => r.Sample)
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var pick = candidates[random.Next(candidates.Count)];
            pairs.Add(new PreferencePair(pick.Query, pick.Refined.Trim(), pick.Prompt.Trim(), PreferenceSource.Text, "critique"));
        }

        return pairs;
    }
}
