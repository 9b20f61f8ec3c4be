using Vpo.Training.Construction.Reward;
using Vpo.Training.Data;

namespace Vpo.Training.Tests.Construction.Reward;

public sealed class VideoPairBuilderTests
{
    private static VideoReward Reward(string query, int sample, bool[] yes, double score) =>
        new($"k-{sample}", query, sample, $"prompt {sample} for {query}", [.. yes.Select(y => y ? "yes" : "no")], yes, score);

    [Fact]
    public void The_first_pair_in_sample_order_with_dominance_and_a_gap_is_kept_one_per_query()
    {
        var pairs = VideoPairBuilder.Build(
        [
            Reward("q", 0, [true, false, false], 1.0),
            Reward("q", 1, [true, true, false], 2.0),
            Reward("q", 2, [false, false, false], 0.2),
            Reward("q", 3, [true, true, true], 3.0),
        ]);

        var pair = Assert.Single(pairs);
        // Sample 0 dominates 2 by 0.8 > 0.5: found before any pair chosen from samples 1 or 3.
        Assert.Equal(("prompt 0 for q", "prompt 2 for q"), (pair.Chosen, pair.Rejected));
        Assert.Equal(PreferenceSource.Video, pair.Source);
        Assert.Equal((1.0, 0.2), (pair.ChosenScore!.Value, pair.RejectedScore!.Value));
    }

    [Fact]
    public void No_pair_without_strict_dominance_or_with_a_gap_of_half_or_less()
    {
        var pairs = VideoPairBuilder.Build(
        [
            // Large gap but each is better somewhere: no dominance.
            Reward("a", 0, [true, false], 3.0),
            Reward("a", 1, [false, true], 0.1),
            // Dominance, gap exactly 0.5: not more than 0.5.
            Reward("b", 0, [true, true], 1.5),
            Reward("b", 1, [true, false], 1.0),
        ]);

        Assert.Empty(pairs);
    }
}
