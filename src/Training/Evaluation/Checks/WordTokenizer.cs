using System.Text.RegularExpressions;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>Splits text into lower-case word tokens (letters and digits; hyphenated words split; possessive 's dropped).</summary>
public static partial class WordTokenizer
{
    /// <summary>The word tokens of <paramref name="text"/>, lower-cased with the invariant culture.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        foreach (var match in WordPattern().EnumerateMatches(text))
        {
            var word = text.AsSpan(match.Index, match.Length);
            if (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase))
            {
                word = word[..^2];
            }

            tokens.Add(word.ToString().Replace("'", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
        }

        return tokens;
    }

    /// <summary>Counts whitespace-separated words that hold at least one letter or digit.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var match in SpacedWordPattern().EnumerateMatches(text))
        {
            var word = text.AsSpan(match.Index, match.Length);
            foreach (var c in word)
            {
                if (char.IsLetterOrDigit(c))
                {
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:'[\p{L}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\S+")]
    private static partial Regex SpacedWordPattern();
}
