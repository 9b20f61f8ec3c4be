using System.Text.RegularExpressions;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Finds the introductory openings the principles forbid ("The video opens with", "In this video", a
/// leading "Video Prompt:" label): a prompt should begin directly with what is seen.
/// </summary>
public static partial class IntroPhraseDetector
{
    /// <summary>The introductory phrase the text starts with, or null.</summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = IntroPattern().Match(text.TrimStart());
        return match.Success ? match.Value.Trim() : null;
    }

    [GeneratedRegex(
        @"^(?:[""'*\s]*(?:(?:the|this|our|a) (?:short )?(?:video|clip|footage|scene|film|animation|sequence|shot) (?:opens|begins|starts|commences|kicks off|shows|depicts|features|captures|showcases)\b|in this (?:short )?(?:video|clip|scene|footage|animation)\b|(?:video )?prompt\s*:|here(?:'s| is) (?:a|the|your) (?:video )?(?:prompt|description)\b|(?:we )?(?:open|begin|start) (?:with|on)\b))",
        RegexOptions.IgnoreCase)]
    private static partial Regex IntroPattern();
}
