using System.Text.RegularExpressions;
using Vpo.Training.Construction.Augmentation;
using Vpo.Training.Data;

namespace Vpo.Training.Tests.Construction.Augmentation;

public sealed class SharedWordSwapperTests
{
    // Each replacement word is copied by two pairs, so the pool holds it.
    private static readonly SftRecord[] PoolPairs =
    [
        new("a tiger in snow", "A tiger walks through deep snow.", 1),
        new("tiger at night", "A tiger prowls at night.", 2),
        new("a lantern by the river", "A paper lantern floats down the river.", 3),
        new("lantern festival", "Hundreds of lanterns and one lantern rise at the festival.", 4),
        new("dancing robots", "Two robots dancing in a neon hall.", 5),
        new("a girl dancing", "A girl dancing in the rain.", 6),
    ];

    [Fact]
    public void Swap_replaces_a_copied_word_the_same_way_in_query_and_prompt()
    {
        var swapper = new SharedWordSwapper(SwapPool.FromPairs(PoolPairs), share: 1.0, maxSwaps: 1);
        const string query = "an owl on a branch";
        const string prompt = "An owl sits on a mossy branch, its feathers ruffled; the owl blinks.";

        var variant = swapper.Swap(query, prompt, new Random(3));

        Assert.NotNull(variant);
        var swap = Assert.Single(variant.Value.Swaps);
        Assert.Contains(swap.From, new[] { "owl", "branch" });
        Assert.NotEqual(swap.From, swap.To);
        foreach (var text in new[] { variant.Value.Query, variant.Value.Prompt })
        {
            Assert.DoesNotMatch($@"(?i)\b{swap.From}\b", text);
            Assert.Matches($@"(?i)\b{swap.To}\b", text);
        }

        Assert.Equal(Regex.Matches(prompt, $@"(?i)\b{swap.From}\b").Count, Regex.Matches(variant.Value.Prompt, $@"(?i)\b{swap.To}\b").Count);
    }

    [Fact]
    public void Words_the_prompt_did_not_copy_stay_as_they_are()
    {
        var swapper = new SharedWordSwapper(SwapPool.FromPairs(PoolPairs), share: 1.0, maxSwaps: 5);

        var variant = swapper.Swap("an owl, photorealistic", "An owl sits on a mossy branch in soft light.", new Random(1));

        Assert.NotNull(variant);
        Assert.Equal("owl", Assert.Single(variant.Value.Swaps).From);
        Assert.EndsWith(", photorealistic", variant.Value.Query, StringComparison.Ordinal);
        Assert.EndsWith(" sits on a mossy branch in soft light.", variant.Value.Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_keeps_the_capitalisation_and_fixes_a_or_an_in_front()
    {
        var swaps = new[] { new WordSwap("cat", "elephant"), new WordSwap("owl", "tiger") };

        var text = SharedWordSwapper.Apply("A cat and an owl. CAT! Cats stay; the cat's tail.", swaps);

        Assert.Equal("An elephant and a tiger. ELEPHANT! Cats stay; the elephant's tail.", text);
    }

    [Fact]
    public void A_variant_swaps_at_least_one_and_at_most_max_swaps_words()
    {
        var swapper = new SharedWordSwapper(SwapPool.FromPairs(PoolPairs), share: 0.5, maxSwaps: 2);
        const string query = "a red fox and a grey wolf hunting rabbits near a frozen lake at dawn";
        const string prompt = "A red fox and a grey wolf are hunting rabbits near a frozen lake at dawn, breath steaming.";

        var counts = Enumerable.Range(0, 50).Select(seed => swapper.Swap(query, prompt, new Random(seed))!.Value.Swaps.Count).ToList();

        Assert.All(counts, count => Assert.InRange(count, 1, 2));
        Assert.Contains(2, counts);
    }

    [Fact]
    public void Replacements_keep_the_word_class_and_never_bring_in_a_word_already_in_the_pair()
    {
        var swapper = new SharedWordSwapper(SwapPool.FromPairs(PoolPairs), share: 1.0, maxSwaps: 1);

        // "swimming" can only become "dancing", the pool's one -ing word; "tiger" is already in the pair.
        var variant = swapper.Swap("a tiger swimming", "A striped tiger swimming across a jungle river.", new Random(0));

        Assert.NotNull(variant);
        var swap = Assert.Single(variant.Value.Swaps);
        if (swap.From == "swimming")
        {
            Assert.Equal("dancing", swap.To);
        }
        else
        {
            Assert.Equal("tiger", swap.From);
            Assert.Equal("lantern", swap.To);
        }
    }

    [Fact]
    public void The_pool_leaves_out_unsafe_terms_and_words_only_one_pair_copies()
    {
        SftRecord[] pairs =
        [
            new("blood moon", "A blood moon rises over the hills.", 1),
            new("blood on snow", "Drops of blood on white snow.", 2),
            new("zebra crossing", "A zebra crossing in a busy street.", 3),
        ];

        var pool = SwapPool.FromPairs(pairs);

        Assert.Equal(0, pool.Count);
        Assert.Null(new SharedWordSwapper(pool, 1.0, 1).Swap("a moon", "A moon glows.", new Random(0)));
    }

    [Fact]
    public void A_pair_without_a_copied_ascii_word_has_no_variant()
    {
        var swapper = new SharedWordSwapper(SwapPool.FromPairs(PoolPairs), share: 1.0, maxSwaps: 2);

        Assert.Null(swapper.Swap("un café crème", "A steaming cup of coffee with a café crème foam.", new Random(0)));
        Assert.Null(swapper.Swap("一只猫", "A small grey cat naps on a sunny windowsill.", new Random(0)));
    }
}
