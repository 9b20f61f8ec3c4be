using System.Text;
using System.Text.RegularExpressions;

namespace Vpo.Inference.Prompting;

/// <summary>
/// Separates a real user query from its Midjourney/Pika-style flags (<c>-ar 16:9</c>, <c>--ar</c>, <c>-neg ...</c>,
/// <c>-fps 24</c>, <c>-seed 42</c>, <c>-motion 4</c>, <c>-gs 24</c>, <c>-camera zoom in</c>) as users write them
/// (see <see cref="QueryFlagTokenizer"/>), in one pass: the text without flags for the evaluation checks, the flags,
/// the <c>-neg</c> items, and the video settings the service returns as its <c>generation</c> object.
/// </summary>
public static partial class QueryFlagParser
{
    /// <summary>Splits a raw query into its text, flags and video settings. HTML entities are decoded first.</summary>
    public static ParsedQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var decoded = TextNormalizer.Decode(query);
        var text = TextNormalizer.Fold(decoded);
        var tokens = QueryFlagTokenizer.Tokenize(text);
        var flags = new List<QueryFlag>();
        var negativeItems = new List<string>();
        var body = new StringBuilder(text.Length);
        var cursor = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Index < cursor)
            {
                continue;
            }

            body.Append(text, cursor, token.Index - cursor).Append(' ');
            var nextStart = i + 1 < tokens.Count ? tokens[i + 1].Index : text.Length;
            var (value, end) = ReadValue(text, token, nextStart);
            flags.Add(new QueryFlag(token.Name, value, token.Kind));
            if (token.Kind == QueryFlagKind.Negative)
            {
                negativeItems.AddRange(SplitItems(value));
            }

            cursor = end;
        }

        body.Append(text, cursor, text.Length - cursor);
        var generation = GenerationParametersReader.Read(decoded, tokens);
        return new ParsedQuery(query, CollapseSpaces(body.ToString()), flags, negativeItems, generation);
    }

    private static (string Value, int End) ReadValue(string text, QueryFlagToken token, int nextStart)
    {
        if (token.SelfValued)
        {
            return (text[token.Index..token.ValueIndex].Trim(), token.ValueIndex);
        }

        if (token.Kind == QueryFlagKind.Format)
        {
            // A format flag takes one number, ratio or (for a few) one word; the text after it is query again.
            var pattern = QueryFlagNames.TakesWord(token.Name) ? FormatWordValue() : FormatNumberValue();
            var match = pattern.Match(text, token.ValueIndex);
            return match.Success
                ? (match.Groups["value"].Value, match.Index + match.Length)
                : (string.Empty, token.ValueIndex);
        }

        // -neg and -xxx constraints run to the next flag or the end of the line.
        var lineEnd = text.IndexOf('\n', token.ValueIndex);
        var end = lineEnd >= 0 && lineEnd < nextStart ? lineEnd : nextStart;
        var value = text[token.ValueIndex..end].Trim().TrimStart(':', '=').Trim().TrimEnd(',', ';', '-').Trim();
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

    [GeneratedRegex(@"\G\s?[:=]?\s?(?<value>-?\d+(?:[.,]\d+)?(?:\s?[:x/]\s?\d+(?:\.\d+)?)?(?:fps|s|k)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormatNumberValue();

    [GeneratedRegex(@"\G\s?[:=]?\s?(?<value>[A-Za-z0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FormatWordValue();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    // A comma or semicolon with spaces around it, possibly repeated: " , ," or " ;".
    [GeneratedRegex(@"\s*[,;](?:\s*[,;])*\s*", RegexOptions.CultureInvariant)]
    private static partial Regex SeparatorRun();
}
