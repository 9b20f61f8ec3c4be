using System.Text.RegularExpressions;

namespace Vpo.Training.Construction.Augmentation;

/// <summary>
/// Makes a variant of a (query, prompt) pair by replacing words the prompt copied from the query with other words,
/// the same way in both. A small model fine-tuned on a few thousand pairs learns the pairs' typical subjects instead
/// of reading the query (training/shipped/copying/); in a variant the only way to predict the swapped words is to copy
/// them from the query.
/// </summary>
public sealed partial class SharedWordSwapper
{
    private readonly SwapPool _pool;
    private readonly double _share;
    private readonly int _maxSwaps;

    /// <param name="pool">Replacement words.</param>
    /// <param name="share">Chance that each shared word is swapped (the count, not the words); a variant always swaps at least one.</param>
    /// <param name="maxSwaps">Most words swapped in one variant: past two or three the prompt turns into word salad.</param>
    public SharedWordSwapper(SwapPool pool, double share, int maxSwaps)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSwaps);
        _pool = pool;
        _share = share;
        _maxSwaps = maxSwaps;
    }

    /// <summary>The variant, or null when the pair shares no swappable word or the pool has no replacement.</summary>
    public (string Query, string Prompt, IReadOnlyList<WordSwap> Swaps)? Swap(string query, string prompt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var shared = SharedWords.Find(query, prompt);
        if (shared.Count == 0)
        {
            return null;
        }

        // How many to swap is drawn first, then words are tried in random order, so a word the pool cannot replace
        // does not cost the variant its swap.
        var wanted = Math.Clamp(shared.Count(_ => random.NextDouble() < _share), 1, _maxSwaps);
        var order = shared.OrderBy(_ => random.Next()).ToList();

        // A replacement must not already occur in the pair, or the variant would merge two different things.
        var taken = SharedWords.Words(query).Concat(SharedWords.Words(prompt)).ToHashSet(StringComparer.Ordinal);
        var swaps = new List<WordSwap>();
        foreach (var word in order)
        {
            if (swaps.Count == wanted)
            {
                break;
            }

            var replacement = _pool.Draw(word, taken, random);
            if (replacement is null)
            {
                continue;
            }

            taken.Add(replacement);
            swaps.Add(new WordSwap(word, replacement));
        }

        if (swaps.Count == 0)
        {
            return null;
        }

        return (Apply(query, swaps), Apply(prompt, swaps), swaps);
    }

    /// <summary>Replaces whole words, keeping their capitalisation and fixing "a"/"an" in front of them.</summary>
    public static string Apply(string text, IReadOnlyList<WordSwap> swaps)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(swaps);
        var map = swaps.ToDictionary(s => s.From, s => s.To, StringComparer.Ordinal);
        return Word().Replace(text, match =>
        {
            if (!map.TryGetValue(match.Groups["word"].Value.ToLowerInvariant(), out var to))
            {
                return match.Value;
            }

            var replaced = MatchCase(match.Groups["word"].Value, to);
            if (!match.Groups["article"].Success)
            {
                return replaced;
            }

            var article = match.Groups["article"].Value;
            var wanted = StartsWithVowelSound(to) ? "an" : "a";
            return MatchCase(article, wanted) + match.Groups["space"].Value + replaced;
        });
    }

    private static bool StartsWithVowelSound(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal);

    private static string MatchCase(string original, string word)
    {
        if (original.Length > 1 && original.All(c => !char.IsLetter(c) || char.IsUpper(c)))
        {
            return word.ToUpperInvariant();
        }

        return char.IsUpper(original[0]) ? char.ToUpperInvariant(word[0]) + word[1..] : word;
    }

    [GeneratedRegex(@"(?:(?<![\p{L}\p{N}])(?<article>[Aa][Nn]?)(?<space>\s+))?(?<![\p{L}\p{N}])(?<word>[A-Za-z]+)(?![\p{L}\p{N}])")]
    private static partial Regex Word();
}
