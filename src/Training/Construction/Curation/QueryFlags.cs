using System.Text.RegularExpressions;

namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Removes the Midjourney / Pika style flags users append to queries (<c>--ar 16:9</c>, <c>-neg blurry, ugly</c>,
/// <c>-camera zoom in</c>, <c>--v 5 --s 750</c>): a flag and its value up to the next flag. The length rule and the
/// diversity filter look at what remains, so two different scenes that share <c>--ar 16:9 --motion 4</c> are not
/// near-duplicates and a bare <c>--ar 16:9</c> is no content.
/// </summary>
public static partial class QueryFlags
{
    /// <summary>The text without flags, trimmed of the separators they leave behind.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Flag().Replace(text, " ").Trim().TrimEnd(',', ';', '.', ' ').Trim();
    }

    // Known flag names only, so that "a half-man" or "-5 degrees" are left alone; the value runs to the next flag.
    [GeneratedRegex(
        @"(?:^|(?<=\s)|(?<=[,.;]))-{1,2}(?:ar|aspect|neg|no|gs|guidance|cfg|seed|motion|camera|cam|fps|v|version|s|stylize|style|q|quality|chaos|c|niji|tile|iw|hd|w|h|video|repeat|stop|weird|sref|cref|sw|cw|p|upbeta|uplight|test|testp|creative|r|relax|fast|turbo|draft|personalize)(?![\w-])(?:(?!\s-{1,2}[A-Za-z]).)*",
        RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Flag();
}
