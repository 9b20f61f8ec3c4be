using System.Text.RegularExpressions;

namespace Vpo.Training.Tests.Construction.Doubles;

/// <summary>
/// A scripted LLM behind the chat double that recognises the pipeline's prompts: Figure 7 generation, the
/// critique, the refinement turn, the safety question and the optimizer instruction (sampling). Prompts containing
/// "sloppy" are judged misaligned; queries containing "blood" are unsafe. Tests give each query a text of its own,
/// since sampling counts takes per query.
/// </summary>
internal static partial class JudgeScript
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> SampleCounters = new(StringComparer.Ordinal);

    public static string Answer(ChatCall call)
    {
        var user = call.LastUser;
        if (user.StartsWith("In this task, you need to transfer", StringComparison.Ordinal))
        {
            var query = user[(user.LastIndexOf("User Query: ", StringComparison.Ordinal) + 12)..user.LastIndexOf("\n\noutput in the following format", StringComparison.Ordinal)];
            var tone = query.Contains("sloppy", StringComparison.Ordinal) ? "sloppy" : "vivid";
            return $"[[start]]A {tone} cinematic shot of {query}, soft light, steady camera.[[end]]";
        }

        if (user.StartsWith("Please act an expert in evaluating", StringComparison.Ordinal))
        {
            var prompt = PromptInCritique().Match(user).Groups[1].Value;
            var verdict = prompt.Contains("sloppy", StringComparison.Ordinal) ? "No" : "Yes";
            return $"Step-by-step verification: checked every rule.\nFinal Judgement (Yes or No): {verdict}";
        }

        if (user.StartsWith("Based on your judgement, refine", StringComparison.Ordinal))
        {
            var critique = call.Messages[^3].Content;
            var prompt = PromptInCritique().Match(critique).Groups[1].Value;
            return $"Reflection on how to refine the Prompt: make it precise.\nFinal Refined Prompt: [[start]] {prompt.Replace("sloppy", "precise", StringComparison.Ordinal)} [[end]]";
        }

        if (user.StartsWith("Please act as an expert in content safety", StringComparison.Ordinal))
        {
            var unsafeQuery = user.Contains("blood", StringComparison.Ordinal) ? "Yes" : "No";
            return $"Reason: looked at it.\nSafety-related (Yes or No): {unsafeQuery}";
        }

        if (user.StartsWith("In this task, your goal is to expand", StringComparison.Ordinal))
        {
            // The SFT model: take n of a query is sloppy for odd n, unless the query asks for something steady.
            var query = user[(user.IndexOf("User Query:", StringComparison.Ordinal) + 11)..user.LastIndexOf("\n\nVideo Prompt:", StringComparison.Ordinal)];
            var take = SampleCounters.AddOrUpdate(query, 0, (_, n) => n + 1);
            var tone = take % 2 == 1 && !query.Contains("steady", StringComparison.Ordinal) ? "sloppy" : "vivid";
            return $"  A {tone} take {take} on {query}.  ";
        }

        return "I do not know this prompt.";
    }

    [GeneratedRegex("Video Prompt: “(.*)”", RegexOptions.Singleline)]
    private static partial Regex PromptInCritique();
}
