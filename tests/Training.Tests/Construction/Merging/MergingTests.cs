using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Data;

namespace Vpo.Training.Tests.Construction.Merging;

public sealed class MergingTests
{
    private static PreferencePair Pair(string query, PreferenceSource source) => new(query, $"{source} chosen {query}", $"{source} rejected {query}", source, source.ToString());

    [Fact]
    public void Merge_keeps_the_text_pair_of_a_query_and_shuffles_reproducibly()
    {
        PreferencePair[] text = [Pair("a", PreferenceSource.Text), Pair("b", PreferenceSource.Text)];
        PreferencePair[] video = [Pair("b", PreferenceSource.Video), Pair("c", PreferenceSource.Video), Pair("d", PreferenceSource.Video)];

        var (pairs, duplicates) = PreferenceMerger.Merge([text, video], seed: 5);

        Assert.Equal(1, duplicates);
        Assert.Equal(["a", "b", "c", "d"], pairs.Select(p => p.Query).Order());
        Assert.Equal(PreferenceSource.Text, pairs.Single(p => p.Query == "b").Source);
        Assert.Equal(pairs.Select(p => p.Query), PreferenceMerger.Merge([text, video], seed: 5).Pairs.Select(p => p.Query));
    }

    [Fact]
    public void Text_pairs_take_one_refinement_per_query_with_chosen_refined_and_rejected_sample()
    {
        RefinementRecord[] refinements =
        [
            new("k0", "q1", " sample zero ", 0, "refined zero", "r"),
            new("k2", "q1", "sample two", 2, "refined two", "r"),
            new("k5", "q2", "same", 1, "same", "r"),
            new("k9", "q3", "sft prompt", null, "refined", "r"),
        ];

        var pairs = TextPairBuilder.Build(refinements, seed: 1);

        var pair = Assert.Single(pairs);
        Assert.Equal("q1", pair.Query);
        Assert.Contains((pair.Chosen, pair.Rejected), new[] { ("refined zero", "sample zero"), ("refined two", "sample two") });
        Assert.Equal(PreferenceSource.Text, pair.Source);
    }

    [Fact]
    public void Check_pairs_put_a_passing_sample_over_a_failing_one()
    {
        SampleSet[] samples =
        [
            new("k1", "a cat", ["The video opens with a cat.", "A cat naps in the sun.", "A cat sleeps."]),
            new("k2", "a dog", ["A dog runs.", "A dog jumps."]),
            new("k3", "a fox", ["The video begins.", "The video opens."]),
        ];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, new IntroCheck(), passFailOnly: true);

        var pair = Assert.Single(pairs);
        Assert.Equal(("a cat", "A cat naps in the sun.", "The video opens with a cat."), (pair.Query, pair.Chosen, pair.Rejected));
        Assert.Equal("checks:IntroPhrase", pair.Feedback);
        Assert.Equal(new ChecksPairCounts(3, 1, 1, 1), counts);
    }

    private sealed class IntroCheck : ISampleCheck
    {
        public SampleVerdict Judge(string query, string prompt) =>
            new(prompt.StartsWith("The video", StringComparison.Ordinal) ? ["IntroPhrase"] : [], 1.0);
    }
}
