using System.Text;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    [Fact]
    public void First_merge_joins_the_most_frequent_adjacent_pair()
    {
        var counts = new Dictionary<string, long> { ["hug"] = 10, ["pug"] = 5, ["pun"] = 12, ["bun"] = 4 };

        var model = new BpeTrainer().Train(counts, 257, minFrequency: 1, TestContext.Current.CancellationToken);

        // "p u" occurs 17 times, "u n" 16, "u g" 15.
        Assert.Equal(new BpeMerge("p", "u"), Assert.Single(model.Merges));
        Assert.Equal("pu", model.Tokens[256]);
    }

    [Fact]
    public void Training_stops_at_the_requested_vocabulary_size()
    {
        var counts = SyntheticCounts(seed: 1);

        var model = new BpeTrainer().Train(counts, 400, minFrequency: 1, TestContext.Current.CancellationToken);

        Assert.Equal(400, model.Tokens.Count);
        Assert.Equal(model.Tokens.Count, model.Tokens.Distinct().Count());
    }

    [Fact]
    public void Pairs_rarer_than_the_minimum_frequency_are_never_merged()
    {
        var counts = new Dictionary<string, long> { [" the"] = 50, [" cat"] = 3, [" dog"] = 1 };

        var model = new BpeTrainer().Train(counts, 10_000, minFrequency: 4, TestContext.Current.CancellationToken);

        // " the" pairs tie at 50 and go by smaller ids (h < t < Ġ); " cat" (3) and " dog" (1) stay unmerged.
        Assert.Equal([new BpeMerge("h", "e"), new BpeMerge("t", "he"), new BpeMerge("Ġ", "the")], model.Merges);
    }

    [Fact]
    public void Incremental_training_learns_the_same_merges_as_recounting_every_pair_after_each_merge()
    {
        var counts = SyntheticCounts(seed: 7);

        var model = new BpeTrainer().Train(counts, 256 + 300, minFrequency: 2, TestContext.Current.CancellationToken);
        var expected = RecountingTrainer(counts, 256 + 300, minFrequency: 2);

        Assert.Equal(expected.Merges, model.Merges);
        Assert.Equal(expected.Tokens, model.Tokens);
    }

    /// <summary>Pre-token counts of generated text with words sharing prefixes, numbers, punctuation, CJK and emoji.</summary>
    private static Dictionary<string, long> SyntheticCounts(int seed)
    {
        var random = new Random(seed);
        string[] stems = ["walk", "talk", "cat", "catch", "dog", "video", "vivid", "light", "night", "东京", "🎥", "über", "&amp;"];
        string[] endings = ["", "s", "ing", "ed", "er", "!", "..."];
        var text = new StringBuilder();
        for (var i = 0; i < 4000; i++)
        {
            text.Append(random.Next(8) == 0 ? "\n" : " ");
            text.Append(stems[random.Next(stems.Length)]).Append(endings[random.Next(endings.Length)]);
            if (random.Next(10) == 0)
            {
                text.Append(' ').Append(random.Next(100_000));
            }
        }
        var pieces = new List<(int Offset, int Length)>();
        var source = text.ToString();
        PreTokenizerPattern.Split(source, pieces);
        return pieces.GroupBy(piece => source.Substring(piece.Offset, piece.Length)).ToDictionary(group => group.Key, group => (long)group.Count());
    }

    /// <summary>The textbook algorithm: count every pair in every word, merge the best, repeat.</summary>
    private static BpeModel RecountingTrainer(Dictionary<string, long> counts, int vocabularySize, long minFrequency)
    {
        var tokens = ByteLevelAlphabet.BaseOrder.Select(b => ByteLevelAlphabet.ToChar(b).ToString()).ToList();
        var words = counts.Select(pair => (Symbols: ByteLevelAlphabet.Encode(pair.Key).Select(c => tokens.IndexOf(c.ToString())).ToList(), Count: pair.Value)).ToList();
        var merges = new List<BpeMerge>();
        var merged = new HashSet<(int, int)>();
        while (tokens.Count < vocabularySize)
        {
            var pairCounts = new Dictionary<(int, int), long>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    pairCounts[(symbols[i], symbols[i + 1])] = pairCounts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
                }
            }
            var best = pairCounts.Where(pair => pair.Value >= minFrequency)
                .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key.Item1).ThenBy(pair => pair.Key.Item2)
                .Select(pair => pair.Key).DefaultIfEmpty((-1, -1)).First();
            if (best.Item1 < 0)
            {
                break;
            }
            var text = tokens[best.Item1] + tokens[best.Item2];
            var id = tokens.IndexOf(text);
            if (id < 0)
            {
                id = tokens.Count;
                tokens.Add(text);
            }
            if (merged.Add(best))
            {
                merges.Add(new BpeMerge(tokens[best.Item1], tokens[best.Item2]));
            }
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                    {
                        symbols[i] = id;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }
        return new BpeModel(tokens, merges);
    }
}
