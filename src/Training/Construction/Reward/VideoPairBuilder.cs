using Vpo.Training.Construction.Merging;
using Vpo.Training.Data;

namespace Vpo.Training.Construction.Reward;

/// <summary>
/// Video-level pairs from the rewards of a query's rendered samples, by the authors' rule: (i, j) with i strictly
/// dominating j on the checklist AND score(i) - score(j) &gt; the gap (0.5); the first such pair in sample order is
/// kept; at most one pair per query.
/// </summary>
public static class VideoPairBuilder
{
    /// <summary>The authors' minimum score gap.</summary>
    public const double DefaultGap = 0.5;

    /// <summary>The pairs, in order of each query's first reward.</summary>
    public static IReadOnlyList<PreferencePair> Build(IEnumerable<VideoReward> rewards, double gap = DefaultGap)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        var pairs = new List<PreferencePair>();
        foreach (var group in rewards.GroupBy(r => r.Query, StringComparer.Ordinal))
        {
            var videos = group.DistinctBy(r => r.Sample).OrderBy(r => r.Sample).ToList();
            var pair = FirstPair(videos, gap);
            if (pair is { } found)
            {
                pairs.Add(new PreferencePair(group.Key, found.Chosen.Prompt.Trim(), found.Rejected.Prompt.Trim(), PreferenceSource.Video, "visionreward",
                    found.Chosen.Score, found.Rejected.Score));
            }
        }

        return pairs;
    }

    private static (VideoReward Chosen, VideoReward Rejected)? FirstPair(IReadOnlyList<VideoReward> videos, double gap)
    {
        foreach (var chosen in videos)
        {
            foreach (var rejected in videos)
            {
                if (chosen.Sample != rejected.Sample
                    && !string.Equals(chosen.Prompt.Trim(), rejected.Prompt.Trim(), StringComparison.Ordinal)
                    && ChecklistDominance.StrictlyDominates(chosen.Yes, rejected.Yes)
                    && chosen.Score - rejected.Score > gap)
                {
                    return (chosen, rejected);
                }
            }
        }

        return null;
    }
}
