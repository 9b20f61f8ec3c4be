using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Vpo.Inference.Prompting;

/// <summary>
/// Reads Midjourney/Pika-style flags out of a user's query as real users write them: one or two dashes (or an en/em
/// dash), any letter case, a value that may be glued to the name (<c>-gs24</c>), HTML entities and quotes around
/// negative prompts. A flag must start the query or follow whitespace, so hyphenated words (<c>sci-fi</c>) are not
/// flags; a space between the dash and the name (<c>- camera zoom in</c>) is accepted only for the known names.
/// A flag's value runs to the next flag; when a flag repeats, the last one wins. The query itself is not changed.
/// </summary>
public static partial class QueryFlagParser
{
    private static readonly Dictionary<string, string> KnownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ar"] = "ar", ["aspect"] = "ar", ["aspect_ratio"] = "ar",
        ["neg"] = "neg", ["negative"] = "neg", ["negative_prompt"] = "neg", ["no"] = "neg",
        ["fps"] = "fps",
        ["seed"] = "seed",
        ["motion"] = "motion",
        ["gs"] = "gs", ["guidance"] = "gs", ["guidance_scale"] = "gs", ["cfg"] = "gs",
        ["camera"] = "camera", ["cam"] = "camera",
    };

    /// <summary>Parses the flags in <paramref name="query"/>.</summary>
    public static GenerationParameters Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = WebUtility.HtmlDecode(query);
        var flags = new List<(string Name, int ValueStart, int End)>();
        foreach (Match match in FlagPattern().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var spaced = match.Groups["space"].Success;
            if (spaced && !KnownNames.ContainsKey(name))
            {
                continue;
            }

            flags.Add((name, match.Index + match.Length, match.Index));
        }

        string? aspectRatio = null, negativePrompt = null, camera = null;
        int? fps = null;
        ulong? seed = null;
        double? motion = null, guidanceScale = null;
        var other = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < flags.Count; index++)
        {
            var (name, valueStart, _) = flags[index];
            var valueEnd = index + 1 < flags.Count ? flags[index + 1].End : text.Length;
            var value = CollapseWhitespace(text[valueStart..valueEnd]);
            var known = KnownNames.TryGetValue(name, out var canonical) ? canonical : null;
            var understood = known switch
            {
                "ar" => TryAspectRatio(value, ref aspectRatio),
                "neg" => TryText(value, ref negativePrompt),
                "camera" => TryText(value, ref camera),
                "fps" => TryInteger(value, ref fps),
                "seed" => TrySeed(value, ref seed),
                "motion" => TryNumber(value, ref motion),
                "gs" => TryNumber(value, ref guidanceScale),
                _ => false,
            };

            if (!understood)
            {
                other[name.ToLowerInvariant()] = value.Trim(TrailingPunctuation);
            }
        }

        return new GenerationParameters(aspectRatio, negativePrompt, fps, seed, motion, guidanceScale, camera, other);
    }

    private static readonly char[] TrailingPunctuation = [' ', ',', '.', ';'];
    private static readonly char[] Quotes = ['"', '\'', '“', '”', '‘', '’', '«', '»', '`'];

    private static bool TryAspectRatio(string value, ref string? aspectRatio)
    {
        var match = AspectRatioPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        aspectRatio = $"{match.Groups["width"].Value}:{match.Groups["height"].Value}";
        return true;
    }

    private static bool TryText(string value, ref string? target)
    {
        var cleaned = value.Trim().Trim(TrailingPunctuation).Trim().Trim(Quotes).Trim().TrimEnd(TrailingPunctuation);
        if (cleaned.Length == 0)
        {
            return false;
        }

        target = cleaned;
        return true;
    }

    private static bool TryInteger(string value, ref int? target)
    {
        var match = LeadingNumberPattern().Match(value);
        if (!match.Success || match.Groups["fraction"].Success ||
            !int.TryParse(match.Groups["number"].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        target = parsed;
        return true;
    }

    private static bool TrySeed(string value, ref ulong? target)
    {
        var match = LeadingNumberPattern().Match(value);
        if (!match.Success || match.Groups["fraction"].Success ||
            !ulong.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        target = parsed;
        return true;
    }

    private static bool TryNumber(string value, ref double? target)
    {
        var match = LeadingNumberPattern().Match(value);
        if (!match.Success || !double.TryParse(match.Groups["number"].Value + match.Groups["fraction"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        target = parsed;
        return true;
    }

    private static string CollapseWhitespace(string value) => WhitespacePattern().Replace(value, " ").Trim();

    // A dash (one or two hyphens, an en dash or an em dash) at the start or after whitespace, an optional single space,
    // then a name of letters. The name must end at a non-letter so that "-4k" or "--" alone are not flags.
    [GeneratedRegex(@"(?<=^|\s)(?:--|-|–|—)(?<space>[ ])?(?<name>[A-Za-z][A-Za-z_]*)(?![A-Za-z_])", RegexOptions.CultureInvariant)]
    private static partial Regex FlagPattern();

    [GeneratedRegex(@"^\s*(?<width>\d+(?:\.\d+)?)\s*[:x×/]\s*(?<height>\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex AspectRatioPattern();

    [GeneratedRegex(@"^\s*[:=]?\s*(?<number>[+-]?\d+)(?<fraction>\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
