namespace Vpo.Training.Construction.Critique;

/// <summary>
/// Takes the prompt out of an answer in the <c>[[start]] ... [[end]]</c> format of Figures 7 and 8, as the authors'
/// script does: both markers must occur; the prompt is the text after the first <c>[[start]]</c> (up to a second
/// one), cut at the first <c>[[end]]</c>, trimmed; a prompt holding a line break is dropped.
/// </summary>
public static class BracketedPrompt
{
    /// <summary>The opening marker.</summary>
    public const string Start = "[[start]]";

    /// <summary>The closing marker.</summary>
    public const string End = "[[end]]";

    /// <summary>The prompt, or null with the reason it was dropped.</summary>
    public static string? Extract(string answer, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Contains(Start, StringComparison.Ordinal) || !answer.Contains(End, StringComparison.Ordinal))
        {
            problem = $"the answer lacks the {Start} ... {End} markers";
            return null;
        }

        var afterStart = answer[(answer.IndexOf(Start, StringComparison.Ordinal) + Start.Length)..];
        var nextStart = afterStart.IndexOf(Start, StringComparison.Ordinal);
        var segment = nextStart < 0 ? afterStart : afterStart[..nextStart];
        var end = segment.IndexOf(End, StringComparison.Ordinal);
        var prompt = (end < 0 ? segment : segment[..end]).Trim();
        if (prompt.Contains('\n', StringComparison.Ordinal))
        {
            problem = "the prompt between the markers spans several lines";
            return null;
        }

        if (prompt.Length == 0)
        {
            problem = "the prompt between the markers is empty";
            return null;
        }

        problem = null;
        return prompt;
    }
}
