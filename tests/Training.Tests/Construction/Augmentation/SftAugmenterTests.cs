using Vpo.Training.Construction.Augmentation;
using Vpo.Training.Data;

namespace Vpo.Training.Tests.Construction.Augmentation;

public sealed class SftAugmenterTests
{
    private static readonly SftRecord[] Pairs =
    [
        new("a tiger in snow", "A tiger walks through deep snow.", 1),
        new("tiger at night", "A tiger prowls through the snow at night.", 2),
        new("a lantern by the river", "A paper lantern floats down the river.", 3),
        new("lantern on a river", "A lantern drifts on a dark river.", 4),
        new("一只猫", "A small grey cat naps on a sunny windowsill.", 5),
    ];

    [Fact]
    public void Augment_keeps_every_original_first_then_one_variant_per_swappable_pair_and_copy()
    {
        var result = SftAugmenter.Augment(Pairs, copies: 2, share: 0.5, maxSwaps: 2, seed: 7);

        Assert.Equal(Pairs.Select(p => (p.Query, p.Prompt)), result.Pairs.Take(Pairs.Length).Select(p => (p.Query, p.Prompt)));
        Assert.All(result.Pairs.Take(Pairs.Length), p => Assert.Empty(p.Swaps));
        Assert.Equal(8, result.Variants);
        Assert.Equal(1, result.Unswappable);
        Assert.Equal(Pairs.Length + 8, result.Pairs.Count);
        Assert.All(result.Pairs.Skip(Pairs.Length), p => Assert.NotEmpty(p.Swaps));
        Assert.DoesNotContain(result.Pairs, p => p.SourceLine == 5 && p.Swaps.Count > 0);
    }

    [Fact]
    public void The_same_seed_gives_the_same_variants()
    {
        var first = SftAugmenter.Augment(Pairs, 1, 0.5, 2, seed: 3).Pairs.Select(p => p.Prompt);
        var again = SftAugmenter.Augment(Pairs, 1, 0.5, 2, seed: 3).Pairs.Select(p => p.Prompt);

        Assert.Equal(first, again);
    }
}
