using System.Text.RegularExpressions;

namespace Vpo.Inference.Prompting;

/// <summary>
/// Finds where the flags of a folded query (<see cref="TextNormalizer.Fold"/>) start, in every form the released
/// queries use: one or two dashes, any letter case, a space after the dash for the known names (<c>- camera</c>),
/// glued to their number (<c>-gs22</c>) or to the word before (<c>jerusalem-fps24</c>), without a dash
/// (<c>gs 24</c>, <c>neg "anime"</c>), and nameless ratios and durations (<c>--16:9</c>, <c>10 seconds</c>).
/// </summary>
internal static partial class QueryFlagTokenizer
{
    /// <summary>The flag starts in <paramref name="text"/>, in order of position.</summary>
    public static List<QueryFlagToken> Tokenize(string text)
    {
        var tokens = new List<QueryFlagToken>();
        foreach (Match match in DashedFlag().Matches(text))
        {
            var name = match.Groups["name"].Value.ToLowerInvariant();
            var kind = QueryFlagNames.KindOf(name);
            var glued = match.Groups["glued"].Success;
            if (match.Groups["space"].Success)
            {
                // "- camera zoom in" is a flag, "- ghosts in the forest" and "well- known" are prose.
                if (!glued && QueryFlagNames.Setting(name) is not null)
                {
                    tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, name, kind, Named: true, SelfValued: false));
                }

                continue;
            }

            // A dash glued to the previous word is a hyphen ("spider-man", "Disney-style 3D", "1940-style",
            // "high-quality 8K", "24-fps") unless a video setting with its number follows ("jerusalem-fps24",
            // "-gs15-motion -2"), two dashes and a format flag with its number ("style--q2"), or two dashes follow a
            // number ("motion 2--camera zoom in").
            var numberFollows = match.Groups["digit"].Success;
            var afterDigit = glued && char.IsDigit(text[match.Index - 1]);
            var doubleDash = match.Groups["dashes"].Length == 2;
            var setting = QueryFlagNames.Setting(name) is not null;
            var format = kind == QueryFlagKind.Format;
            if (glued && !(numberFollows && (setting || (format && doubleDash))) && !(afterDigit && doubleDash))
            {
                continue;
            }

            tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, name, kind, Named: true, SelfValued: false));
        }

        foreach (Match match in BareFormatFlag().Matches(text))
        {
            var name = match.Groups["name"];
            tokens.Add(new QueryFlagToken(match.Index, name.Index + name.Length, name.Value.ToLowerInvariant(), QueryFlagKind.Format, Named: true, SelfValued: false));
        }

        foreach (Match match in BareNegative().Matches(text))
        {
            tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, "neg", QueryFlagKind.Negative, Named: true, SelfValued: false));
        }

        foreach (Match match in BareRatio().Matches(text))
        {
            tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, "ar", QueryFlagKind.Format, Named: false, SelfValued: false));
        }

        foreach (Match match in AspectRatio().Matches(text))
        {
            tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, "ar", QueryFlagKind.Format, Named: false, SelfValued: true));
        }

        foreach (Match match in Duration().Matches(text))
        {
            tokens.Add(new QueryFlagToken(match.Index, match.Index + match.Length, "duration", QueryFlagKind.Format, Named: false, SelfValued: true));
        }

        // Stable: of two flags at one position the dashed one, found first, comes first.
        return tokens.OrderBy(token => token.Index).ToList();
    }

    // One or two dashes, an optional space, a flag name, then something that is not a letter. "glued" marks a dash
    // right after a word.
    [GeneratedRegex(@"(?:(?<glued>(?<=[\p{L}\p{N}]))|(?<![\p{L}\p{N}-]))(?<dashes>-{1,2})(?<space>[ ])?(?<name>[A-Za-z][A-Za-z_]*)(?=(?<digit>\s?[:=]?\s?-?\d)|[^A-Za-z_]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DashedFlag();

    // Format flags written without a dash: "gs 24", "motion 1", "fps24", ".seed5277716590725521818".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])(?<name>fps|gs|motion|seed)(?=\s?\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareFormatFlag();

    // "neg" written without its dash, followed by its list: neg "anime, lens flare".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])neg(?=\s?[:""])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareNegative();

    // A stray aspect ratio written as a flag without a name: "--16:9".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])-{1,2}(?=\d+(?:\.\d+)?\s?:\s?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex BareRatio();

    // An aspect ratio standing alone ("16:9", "9:16", "2.35:1"): a format requirement, not content.
    [GeneratedRegex(@"(?<![\p{L}\p{N}:.])(?:16\s?:\s?9|9\s?:\s?16|4\s?:\s?3|3\s?:\s?4|1\s?:\s?1|21\s?:\s?9|9\s?:\s?21|3\s?:\s?2|2\s?:\s?3|4\s?:\s?5|5\s?:\s?4|2\.35\s?:\s?1|2\.39\s?:\s?1)(?![\p{N}:])", RegexOptions.CultureInvariant)]
    private static partial Regex AspectRatio();

    // A video length ("10 seconds", "5-second", "2 minutes long"): rule 5 lets the prompt ignore it.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d+(?:\.\d+)?(?:\s|-)?(?:seconds?|secs?|minutes?|mins?)(?:\s+(?:long|duration))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
