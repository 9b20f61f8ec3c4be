using System.Text.RegularExpressions;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Augmentation;

/// <summary>The content words a query and its prompt both contain, as whole words: the words the prompt copied.</summary>
public static partial class SharedWords
{
    /// <summary>Shortest word worth swapping: shorter ones are mostly function words and fragments of entities.</summary>
    public const int MinLength = 3;

    /// <summary>Distinct lower-case words, in the order the query first uses them.</summary>
    public static IReadOnlyList<string> Find(string query, string prompt)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(prompt);
        var inPrompt = Words(prompt).ToHashSet(StringComparer.Ordinal);
        return Words(query).Where(w => w.Length >= MinLength && ContentWords.IsContent(w) && inPrompt.Contains(w))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Lower-case runs of ASCII letters; accents and other scripts are left alone, their words never swapped.</summary>
    public static IEnumerable<string> Words(string text) =>
        Letters().Matches(text).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Za-z]+(?![\p{L}\p{N}])")]
    private static partial Regex Letters();
}
