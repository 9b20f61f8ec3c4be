using System.Text.RegularExpressions;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>Finds the phrases with which chat models decline a request ("I can't", "I'm sorry", "As an AI").</summary>
public static partial class RefusalDetector
{
    /// <summary>The refusal phrase found in the text, or null.</summary>
    public static string? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = RefusalPattern().Match(text);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(
        @"\b(?:I(?:'m| am) (?:sorry|unable|not able|not comfortable)|I (?:can't|cannot|can not|won't|will not|am not able to) (?:help|assist|create|generate|provide|fulfil|fulfill|comply|do that|produce|write|make|depict|describe)|As an AI\b|as a (?:large )?language model|I apologi[sz]e|I must (?:decline|refuse)|(?:violates|against) (?:my|the|our|OpenAI's) (?:guidelines|policy|policies|content policy|usage policies)|I'd prefer not to)",
        RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();
}
