using System.Text.RegularExpressions;

namespace Vpo.Training.Construction.Curation;

/// <summary>Splits text into lower-case BLEU tokens: runs of letters and digits, and each other symbol on its own.</summary>
public static partial class BleuTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Token().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]")]
    private static partial Regex Token();
}
