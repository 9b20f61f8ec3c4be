using Microsoft.Extensions.AI;
using Vpo.Training.Evaluation.Chat;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// The paper's "LLM few-shot" baseline: an OpenAI-compatible chat model prompted with Figure 7's template
/// (three example prompts, the rules, the query); the prompt is the text between <c>[[start]]</c> and <c>[[end]]</c>.
/// </summary>
public sealed class FewShotChatOptimizer(
    IChatClient chat, string model, FewShotDemonstrations demonstrations, int seed, float temperature = 0.7f) : IPromptOptimizer
{
    private static readonly PromptTemplate Template = PromptTemplate.FromResource("few-shot-template.txt");

    /// <inheritdoc />
    public string Name => "openai:" + model;

    /// <summary>The user message sent for a query.</summary>
    public string BuildPrompt(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var examples = demonstrations.Pick(query, seed);
        return Template.Format(examples[0], examples[1], examples[2], query);
    }

    /// <inheritdoc />
    public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.User, BuildPrompt(query))],
            new ChatOptions { Temperature = temperature, ModelId = model },
            cancellationToken).ConfigureAwait(false);
        return ExtractPrompt(response.Text);
    }

    /// <summary>
    /// The text between <c>[[start]]</c> and <c>[[end]]</c>; when the model left the markers out, its whole
    /// answer (a refusal, usually), so the checks see what a user would have got.
    /// </summary>
    public static string ExtractPrompt(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        const string Start = "[[start]]", End = "[[end]]";
        var start = answer.IndexOf(Start, StringComparison.Ordinal);
        if (start >= 0)
        {
            var from = start + Start.Length;
            var end = answer.IndexOf(End, from, StringComparison.Ordinal);
            return (end >= 0 ? answer[from..end] : answer[from..]).Trim();
        }

        return answer.Replace(End, string.Empty, StringComparison.Ordinal).Trim();
    }
}
