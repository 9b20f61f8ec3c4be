using System.Text;
using System.Text.RegularExpressions;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Separates a real user query from its Midjourney/Pika-style flags (<c>-ar 16:9</c>, <c>--ar</c>, <c>-neg ...</c>,
/// <c>-fps 24</c>, <c>-seed 42</c>, <c>-motion 4</c>, <c>-gs 24</c>, <c>-camera zoom in</c>), as written in the
/// released queries: with one or two dashes, glued to their number (<c>-gs22</c>), glued to the word before
/// (<c>jerusalem-fps24</c>), without a dash (<c>gs 24</c>), or HTML-encoded (<c>-ar&amp;#160;16:9</c>).
/// </summary>
public static partial class QueryFlagParser
{
    // Format settings of Midjourney, Pika, Gen-2 and similar tools; their values are numbers or a single word.
    private static readonly HashSet<string> FormatFlags = new(StringComparer.Ordinal)
    {
        "ar", "aspect", "fps", "seed", "motion", "m", "gs", "guidance", "s", "stylize", "v", "version", "q",
        "quality", "chaos", "c", "iw", "w", "size", "tile", "niji", "hide", "style", "r", "repeat", "weird", "cfg",
    };

    // Format flags whose value may be a word rather than a number (--style raw, --niji 5, -hide).
    private static readonly HashSet<string> WordValuedFormatFlags = new(StringComparer.Ordinal) { "style", "niji" };

    private static readonly HashSet<string> NegativeFlags = new(StringComparer.Ordinal)
    {
        "neg", "negative", "nge", "ng", "no",
    };

    /// <summary>Splits a raw query into its text and flags. HTML entities are decoded first.</summary>
    public static ParsedQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = TextNormalizer.Normalize(query);
        var starts = FindFlagStarts(text);
        var flags = new List<QueryFlag>();
        var negativeItems = new List<string>();
        var body = new StringBuilder(text.Length);
        var cursor = 0;
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            if (start.Index < cursor)
            {
                continue;
            }

            body.Append(text, cursor, start.Index - cursor).Append(' ');
            var nextStart = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            var (value, end) = ReadValue(text, start, nextStart);
            flags.Add(new QueryFlag(start.Name, value, start.Kind));
            if (start.Kind == QueryFlagKind.Negative)
            {
                negativeItems.AddRange(SplitItems(value));
            }

            cursor = end;
        }

        body.Append(text, cursor, text.Length - cursor);
        return new ParsedQuery(query, CollapseSpaces(body.ToString()), flags, negativeItems);
    }

    private sealed record FlagStart(int Index, int ValueIndex, string Name, QueryFlagKind Kind);

    private static List<FlagStart> FindFlagStarts(string text)
    {
        var starts = new List<FlagStart>();
        foreach (Match match in DashedFlag().Matches(text))
        {
            var name = match.Groups["name"].Value.ToLowerInvariant();
            var glued = match.Groups["glued"].Success;
            var numberFollows = match.Groups["digit"].Success;
            // A dash glued to the previous word is a hyphen ("spider-man", "hide-and-seek", "2-story") unless a
            // known format flag with its number follows ("jerusalem-fps24"), a format flag follows a number
            // ("-gs15-motion 2"), or two dashes follow a number ("motion 2--camera zoom in").
            var afterDigit = glued && char.IsDigit(text[match.Index - 1]);
            var doubleDash = match.Groups["dashes"].Length == 2;
            if (glued && !(FormatFlags.Contains(name) && (numberFollows || afterDigit)) && !(afterDigit && doubleDash))
            {
                continue;
            }

            starts.Add(new FlagStart(match.Index, match.Index + match.Length, name, KindOf(name)));
        }

        foreach (Match match in BareFormatFlag().Matches(text))
        {
            starts.Add(new FlagStart(match.Index, match.Groups["name"].Index + match.Groups["name"].Length,
                match.Groups["name"].Value.ToLowerInvariant(), QueryFlagKind.Format));
        }

        foreach (Match match in BareRatio().Matches(text))
        {
            starts.Add(new FlagStart(match.Index, match.Index + match.Length, "ar", QueryFlagKind.Format));
        }

        foreach (Match match in AspectRatio().Matches(text))
        {
            starts.Add(new FlagStart(match.Index, match.Index + match.Length, "ar", QueryFlagKind.Format));
        }

        foreach (Match match in Duration().Matches(text))
        {
            starts.Add(new FlagStart(match.Index, match.Index + match.Length, "duration", QueryFlagKind.Format));
        }

        foreach (Match match in BareNegative().Matches(text))
        {
            starts.Add(new FlagStart(match.Index, match.Index + match.Length, "neg", QueryFlagKind.Negative));
        }

        return starts.OrderBy(s => s.Index).ToList();
    }

    private static QueryFlagKind KindOf(string name) =>
        NegativeFlags.Contains(name) ? QueryFlagKind.Negative
        : FormatFlags.Contains(name) ? QueryFlagKind.Format
        : QueryFlagKind.Constraint;

    private static (string Value, int End) ReadValue(string text, FlagStart start, int nextStart)
    {
        if (start.Name is "duration" || (start.Name is "ar" && start.ValueIndex > start.Index && char.IsDigit(text[start.ValueIndex - 1])))
        {
            // Durations and bare ratios are whole matches: the match is the value.
            return (text[start.Index..start.ValueIndex].Trim(), start.ValueIndex);
        }

        if (start.Kind == QueryFlagKind.Format)
        {
            // A format flag takes one number, ratio or (for a few) one word; the text after it is query again.
            var pattern = WordValuedFormatFlags.Contains(start.Name) ? FormatWordValue() : FormatNumberValue();
            var match = pattern.Match(text, start.ValueIndex);
            return match.Success
                ? (match.Groups["value"].Value, match.Index + match.Length)
                : (string.Empty, start.ValueIndex);
        }

        // -neg and -xxx constraints run to the next flag or the end of the line.
        var lineEnd = text.IndexOf('\n', start.ValueIndex);
        var end = lineEnd >= 0 && lineEnd < nextStart ? lineEnd : nextStart;
        var value = text[start.ValueIndex..end].Trim().TrimStart(':', '=').Trim().TrimEnd(',', ';', '-').Trim();
        return (value, end);
    }

    private static IEnumerable<string> SplitItems(string value)
    {
        foreach (var raw in value.Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries))
        {
            var item = raw.Trim().Trim('"', '\'', '(', ')', '[', ']', '.', '-', ' ');
            if (item.Length > 0)
            {
                yield return item;
            }
        }
    }

    // Removing flags leaves separators behind ("jerusalem , ,"): fold them into the word before.
    private static string CollapseSpaces(string text)
    {
        var spaced = Spaces().Replace(text.Replace('\n', ' '), " ");
        var folded = SeparatorRun().Replace(spaced, m => m.Value.Trim()[0] + " ");
        return Spaces().Replace(folded, " ").Trim().TrimEnd(',', ';', '-', ' ');
    }

    // One or two dashes, a flag name, then something that is not a letter. "glued" marks a dash right after a word.
    [GeneratedRegex(@"(?:(?<glued>(?<=[\p{L}\p{N}]))|(?<![\p{L}\p{N}-]))(?<dashes>-{1,2})(?<name>[A-Za-z]+)(?=(?<digit>\s?[:=]?\s?\d)|[^A-Za-z]|$)")]
    private static partial Regex DashedFlag();

    // Format flags written without a dash: "gs 24", "motion 1", "fps24", ".seed5277716590725521818".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])(?<name>fps|gs|motion|seed)(?=\s?\d)", RegexOptions.IgnoreCase)]
    private static partial Regex BareFormatFlag();

    // A stray aspect ratio written as a flag without a name: "--16:9".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])-{1,2}(?=\d+(?:\.\d+)?\s?:\s?\d)")]
    private static partial Regex BareRatio();

    // An aspect ratio standing alone ("16:9", "9:16", "2.35:1"): a format requirement, not content.
    [GeneratedRegex(@"(?<![\p{L}\p{N}:.])(?:16\s?:\s?9|9\s?:\s?16|4\s?:\s?3|3\s?:\s?4|1\s?:\s?1|21\s?:\s?9|9\s?:\s?21|3\s?:\s?2|2\s?:\s?3|4\s?:\s?5|5\s?:\s?4|2\.35\s?:\s?1|2\.39\s?:\s?1)(?![\p{N}:])")]
    private static partial Regex AspectRatio();

    // A video length ("10 seconds", "5-second", "2 minutes long"): rule 5 lets the prompt ignore it.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d+(?:\.\d+)?(?:\s|-)?(?:seconds?|secs?|minutes?|mins?)(?:\s+(?:long|duration))?\b", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    // "neg" written without its dash, followed by its list: neg "anime, lens flare".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])neg(?=\s?[:""])", RegexOptions.IgnoreCase)]
    private static partial Regex BareNegative();

    [GeneratedRegex(@"\G\s?[:=]?\s?(?<value>-?\d+(?:[.,]\d+)?(?:\s?[:x/]\s?\d+(?:\.\d+)?)?(?:fps|s|k)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FormatNumberValue();

    [GeneratedRegex(@"\G\s?[:=]?\s?(?<value>[A-Za-z0-9.]+)")]
    private static partial Regex FormatWordValue();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // A comma or semicolon with spaces around it, possibly repeated: " , ," or " ;".
    [GeneratedRegex(@"\s*[,;](?:\s*[,;])*\s*")]
    private static partial Regex SeparatorRun();
}
