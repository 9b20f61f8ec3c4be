using Vpo.Training.Construction.Curation;
using Vpo.Training.Tests.Tokenization;

namespace Vpo.Training.Tests.Construction.Curation;

public sealed class SelfBleuFilterTests
{
    private static IReadOnlyList<string> Tokens(string text) => BleuTokenizer.Tokenize(QueryFlags.Strip(QueryText.Normalize(text)));

    [Fact]
    public void Bleu_of_a_sentence_with_itself_is_one_and_with_a_stranger_is_zero()
    {
        Assert.Equal(1.0, SelfBleuFilter.Score(Tokens("a red fox runs in the snow"), Tokens("a red fox runs in the snow")), 9);
        Assert.Equal(0.0, SelfBleuFilter.Score(Tokens("a red fox runs"), Tokens("ocean waves crash loudly")), 9);
    }

    [Fact]
    public void Bleu_matches_the_hand_computed_value()
    {
        // 5 tokens vs 5: p1 = 4/5, p2 = 3/4, p3 = 2/3, p4 = 1/2; equal lengths, no brevity penalty.
        var expected = Math.Pow(0.8 * 0.75 * (2.0 / 3) * 0.5, 0.25);
        Assert.Equal(expected, SelfBleuFilter.Score(Tokens("jesus flying in the air"), Tokens("money flying in the air")), 9);
    }

    [Fact]
    public void Near_duplicates_are_dropped_and_distinct_queries_kept()
    {
        var filter = new SelfBleuFilter(0.7);
        Assert.True(filter.Offer(Tokens("epic nature video footage of sea storms. awe-inspiring, breathtaking, dramatic, intricate detail --ar 9:16")).Kept);
        var duplicate = filter.Offer(Tokens("epic nature video footage of the azores. awe-inspiring, breathtaking, dramatic, intricate detail --ar 16:9"));
        Assert.False(duplicate.Kept);
        Assert.Equal(0, duplicate.SimilarTo);
        Assert.True(duplicate.Bleu >= 0.7);
        Assert.True(filter.Offer(Tokens("a cat on a skateboard --ar 16:9")).Kept);
        Assert.True(filter.Offer(Tokens("a dog on a surfboard --ar 16:9")).Kept);
    }

    [Fact]
    public void Indexed_filter_decides_exactly_as_comparing_every_pair_on_real_queries()
    {
        var queries = VpoQueries.All.Take(400).Select(Tokens).Where(t => t.Count > 0).Select(t => new Counted(t)).ToList();
        foreach (var threshold in new[] { 0.3, 0.5 })
        {
            var filter = new SelfBleuFilter(threshold);
            var kept = new List<Counted>();
            var dropped = 0;
            foreach (var query in queries)
            {
                var bruteForceKeeps = kept.All(reference => ReferenceBleu(query, reference) < threshold);
                Assert.Equal(bruteForceKeeps, filter.Offer(query.Tokens).Kept);
                if (bruteForceKeeps)
                {
                    kept.Add(query);
                }
                else
                {
                    dropped++;
                }
            }

            Assert.True(dropped > 0, $"threshold {threshold} dropped nothing; the comparison proves little");
            Assert.True(filter.Comparisons < (long)queries.Count * kept.Count / 20, $"{filter.Comparisons} exact comparisons: the index is not pruning");
        }
    }

    // An independent sentence BLEU (string n-grams, no index) to check the filter against.
    private static double ReferenceBleu(Counted candidate, Counted reference)
    {
        var orders = Math.Min(4, candidate.Tokens.Count);
        var log = 0.0;
        for (var n = 1; n <= orders; n++)
        {
            var matches = candidate.Grams[n - 1].Sum(g => Math.Min(g.Value, reference.Grams.Count >= n ? reference.Grams[n - 1].GetValueOrDefault(g.Key) : 0));
            if (n == 1 && matches == 0)
            {
                return 0;
            }

            var total = candidate.Tokens.Count - n + 1;
            log += Math.Log(matches == 0 ? 0.1 / total : (double)matches / total) / orders;
        }

        var brevity = candidate.Tokens.Count >= reference.Tokens.Count ? 1 : Math.Exp(1 - (double)reference.Tokens.Count / candidate.Tokens.Count);
        return brevity * Math.Exp(log);
    }

    private sealed class Counted(IReadOnlyList<string> tokens)
    {
        public IReadOnlyList<string> Tokens { get; } = tokens;

        public List<Dictionary<string, int>> Grams { get; } = Enumerable.Range(1, Math.Min(4, tokens.Count))
            .Select(n => Enumerable.Range(0, tokens.Count - n + 1)
                .GroupBy(i => string.Join(' ', tokens.Skip(i).Take(n)))
                .ToDictionary(g => g.Key, g => g.Count()))
            .ToList();
    }
}
