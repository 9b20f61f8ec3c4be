using System.Text.RegularExpressions;

namespace Vpo.Training.Construction.Reward;

/// <summary>
/// Reads a model's yes/no answer robustly. The authors compare the decoded answer with <c>'yes'</c> exactly, so
/// "Yes", "Yes.", " yes", "**Yes**" or "yes&lt;|eot_id|&gt;" all count as "no" and every video scores 0 (the known
/// VisionReward pitfall). Here special tokens, markup, quotes and leading punctuation are removed, an
/// "Answer:" prefix is allowed, and the first word decides, in any case.
/// </summary>
public static partial class YesNoAnswer
{
    /// <summary>True for yes, false for no, null when the answer is neither.</summary>
    public static bool? Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var text = SpecialTokens().Replace(answer, " ");
        var word = FirstWord(text, out var rest);
        if (word == "answer")
        {
            word = FirstWord(rest, out _);
        }

        return word switch
        {
            "yes" or "y" or "true" => true,
            "no" or "n" or "false" => false,
            _ => null,
        };
    }

    private static string FirstWord(string text, out string rest)
    {
        var start = 0;
        while (start < text.Length && !char.IsLetter(text[start]))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        rest = text[end..];
        return text[start..end].ToLowerInvariant();
    }

    // Chat-template and tokenizer markers a raw decode can carry: <|eot_id|>, </s>, <s>, <eos>, [/INST].
    [GeneratedRegex(@"<\|[^|>]*\|>|</?s>|<eos>|<bos>|\[/?INST\]", RegexOptions.IgnoreCase)]
    private static partial Regex SpecialTokens();
}
