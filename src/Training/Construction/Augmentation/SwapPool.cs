using Vpo.Training.Data;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Augmentation;

/// <summary>
/// Replacement words by <see cref="WordClass"/>: the words at least <see cref="MinPairs"/> pairs of the set copy from
/// their query into their prompt, so replacements are the kind of word prompts carry over (subjects, colours, actions,
/// places) rather than one query's typo or made-up name; never a term of the unsafe lexicon, which a swap would put
/// into a harmless prompt.
/// </summary>
public sealed class SwapPool
{
    private readonly Dictionary<WordClass, string[]> _byClass;

    private SwapPool(Dictionary<WordClass, string[]> byClass) => _byClass = byClass;

    /// <summary>Pairs that must copy a word for it to be a replacement.</summary>
    public const int MinPairs = 2;

    /// <summary>Replacement words in all classes.</summary>
    public int Count => _byClass.Values.Sum(words => words.Length);

    /// <summary>The pool of a set: the words its pairs copy, by class.</summary>
    public static SwapPool FromPairs(IEnumerable<SftRecord> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var pairsCopying = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            foreach (var word in SharedWords.Find(pair.Query, pair.Prompt))
            {
                pairsCopying[word] = pairsCopying.GetValueOrDefault(word) + 1;
            }
        }

        var words = pairsCopying.Where(w => w.Value >= MinPairs && UnsafeLexicon.Default.Find(w.Key).Count == 0)
            .Select(w => w.Key).Order(StringComparer.Ordinal);
        return new SwapPool(words.GroupBy(WordClasses.Of).ToDictionary(g => g.Key, g => g.ToArray()));
    }

    /// <summary>A word of the same class as <paramref name="word"/> that is in none of <paramref name="taken"/>; null when the class has none left.</summary>
    public string? Draw(string word, IReadOnlySet<string> taken, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!_byClass.TryGetValue(WordClasses.Of(word), out var candidates))
        {
            return null;
        }

        // A few random tries, then a scan: the pool is thousands of words and a pair's taken words a few dozen.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var pick = candidates[random.Next(candidates.Length)];
            if (!taken.Contains(pick))
            {
                return pick;
            }
        }

        var free = candidates.Where(c => !taken.Contains(c)).ToArray();
        return free.Length == 0 ? null : free[random.Next(free.Length)];
    }
}
