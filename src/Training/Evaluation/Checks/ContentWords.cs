using System.Text.RegularExpressions;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// The comparable form of words for the coverage and <c>-neg</c> checks: Snowball stems, number words as
/// digits ("two" = "2"), decades without their "s" ("1970s" = "1970"); and which words are content at all.
/// </summary>
public static partial class ContentWords
{
    private static readonly IReadOnlySet<string> RequestWords = ResourceText.ReadWordList("request-words.txt");

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["thirteen"] = "13",
        ["fourteen"] = "14", ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17", ["eighteen"] = "18",
        ["nineteen"] = "19", ["twenty"] = "20", ["thirty"] = "30", ["forty"] = "40", ["fifty"] = "50", ["hundred"] = "100",
    };

    /// <summary>The form two words are compared in.</summary>
    public static string Canonical(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (NumberWords.TryGetValue(token, out var digits))
        {
            return digits;
        }

        return Decade().IsMatch(token) ? token[..^1] : WordStemmer.Stem(token);
    }

    /// <summary>
    /// False for stop words, words of the request itself ("video", "generate"), format tokens ("4k", "24fps",
    /// "1080p") and single letters: what a prompt need not repeat.
    /// </summary>
    public static bool IsContent(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length < 2 && !char.IsDigit(token[0]))
        {
            return false;
        }

        return !LanguageGuess.EnglishFunctionWords.Contains(token) && !RequestWords.Contains(token) && !FormatToken().IsMatch(token);
    }

    /// <summary>Optimal string alignment distance is at most one (one insertion, deletion, substitution or swap).</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (prefix == a.Length && prefix == b.Length)
        {
            return true;
        }

        var restA = a.AsSpan(prefix);
        var restB = b.AsSpan(prefix);
        if (a.Length == b.Length)
        {
            // One substitution, or two neighbours swapped.
            return restA[1..].SequenceEqual(restB[1..])
                || (restA.Length >= 2 && restA[0] == restB[1] && restA[1] == restB[0] && restA[2..].SequenceEqual(restB[2..]));
        }

        return a.Length > b.Length ? restA[1..].SequenceEqual(restB) : restB[1..].SequenceEqual(restA);
    }

    [GeneratedRegex(@"^(?:1[0-9]|20)[0-9]0s$")]
    private static partial Regex Decade();

    [GeneratedRegex(@"^\d+(?:fps|k|p|hz|mp)$|^\d+x\d+$")]
    private static partial Regex FormatToken();
}
