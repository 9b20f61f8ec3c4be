using Vpo.Training.Evaluation.Chat;

namespace Vpo.Training.Evaluation.Judging;

/// <summary>
/// Figure 8's texts as the authors released them, for every stage that critiques or refines prompts (the
/// judge here, the preference-data pipeline): the critique with its two changes, the refinement instruction,
/// and the parsing of a refined prompt.
/// </summary>
public static class CritiquePrompts
{
    /// <summary>The critique: slots for the query and the prompt.</summary>
    public static PromptTemplate Critique { get; } = PromptTemplate.FromResource("critique-template.txt");

    /// <summary>The refinement instruction, sent after the critique in the same conversation.</summary>
    public static string Refinement { get; } = ResourceText.ReadTemplate("refinement-template.txt");

    /// <summary>Our follow-up asking a misaligned verdict's Table 2 category (not part of the release).</summary>
    public static string CategoryQuestion { get; } = ResourceText.ReadTemplate("category-question.txt");

    /// <summary>
    /// The refined prompt: the text between <c>[[start]]</c> and <c>[[end]]</c>, trimmed; null (the refinement is
    /// dropped, as published) when a marker is missing or the prompt has a line break.
    /// </summary>
    public static string? ParseRefinedPrompt(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        const string Start = "[[start]]", End = "[[end]]";
        var start = answer.LastIndexOf(Start, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var from = start + Start.Length;
        var end = answer.IndexOf(End, from, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var prompt = answer[from..end].Trim();
        return prompt.Length == 0 || prompt.Contains('\n', StringComparison.Ordinal) ? null : prompt;
    }
}
