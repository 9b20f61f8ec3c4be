using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Vpo.Inference.Prompting;

/// <summary>
/// Reads the video settings of a query's named flags. A named flag's value is its text as written (HTML-decoded,
/// typographic quotes kept) up to the next named flag, so "-AS 16:9" keeps its ratio and "--v 5.2, --16:9" its tail;
/// nameless ratios and durations do not set anything. When a flag repeats, the last one wins.
/// </summary>
internal static partial class GenerationParametersReader
{
    private static readonly char[] TrailingPunctuation = [' ', ',', '.', ';'];
    private static readonly char[] Quotes = ['"', '\'', '“', '”', '‘', '’', '«', '»', '`'];

    /// <summary>The settings of the <paramref name="tokens"/> found in <paramref name="decoded"/>.</summary>
    public static GenerationParameters Read(string decoded, IReadOnlyList<QueryFlagToken> tokens)
    {
        var named = new List<QueryFlagToken>();
        foreach (var token in tokens.Where(token => token.Named))
        {
            // "- motion 2" is found both with its dash and as a bare "motion 2": keep the first.
            if (named.Count == 0 || token.Index >= named[^1].ValueIndex)
            {
                named.Add(token);
            }
        }

        string? aspectRatio = null, negativePrompt = null, camera = null;
        int? fps = null;
        ulong? seed = null;
        double? motion = null, guidanceScale = null;
        var other = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < named.Count; index++)
        {
            var token = named[index];
            var valueEnd = index + 1 < named.Count ? named[index + 1].Index : decoded.Length;
            var value = WhitespacePattern().Replace(decoded[token.ValueIndex..valueEnd], " ").Trim();
            var understood = QueryFlagNames.Setting(token.Name) switch
            {
                "ar" => TryAspectRatio(value, ref aspectRatio),
                "neg" => TryText(value, ref negativePrompt),
                "camera" => TryText(value, ref camera),
                "fps" => TryWhole(value, NumberStyles.Integer, ref fps),
                "seed" => TryWhole(value, NumberStyles.None, ref seed),
                "motion" => TryNumber(value, ref motion),
                "gs" => TryNumber(value, ref guidanceScale),
                _ => false,
            };

            if (!understood)
            {
                other[token.Name] = value.Trim(TrailingPunctuation);
            }
        }

        return new GenerationParameters(aspectRatio, negativePrompt, fps, seed, motion, guidanceScale, camera, other);
    }

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

    // Whole numbers only: "-fps 23.976" is kept as written rather than truncated.
    private static bool TryWhole<T>(string value, NumberStyles styles, ref T? target)
        where T : struct, INumber<T>
    {
        var match = LeadingNumberPattern().Match(value);
        if (!match.Success || match.Groups["fraction"].Success ||
            !T.TryParse(match.Groups["number"].Value, styles, CultureInfo.InvariantCulture, out var parsed))
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

    [GeneratedRegex(@"^\s*[:=-]?\s*(?<width>\d+(?:\.\d+)?)\s*[:x×/：]\s*(?<height>\d+(?:\.\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex AspectRatioPattern();

    [GeneratedRegex(@"^\s*[:=]?\s*(?<number>[+-]?\d+)(?<fraction>\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumberPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
