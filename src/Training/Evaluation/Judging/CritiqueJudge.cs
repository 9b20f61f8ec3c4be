using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Judging;

/// <summary>
/// The LLM judge: the published critique (<see cref="PublishedPrompts.Critique"/>, the same text the data
/// construction uses), at temperature 0.7 under the published generic system prompt, its verdict read by
/// <see cref="JudgementParser"/>.
/// A misaligned prompt gets one follow-up turn asking for Table 2's category; if that answer names none,
/// the automatic checks decide.
/// </summary>
public sealed class CritiqueJudge(IChatClient chat, string model, ILogger logger, float temperature = PublishedPrompts.JudgeTemperature)
{
    /// <summary>The system prompt of every judge conversation.</summary>
    public static string SystemPrompt => PublishedPrompts.JudgeSystem;

    /// <summary>The judge model's name.</summary>
    public string Model => model;

    /// <summary>The critique prompt for a (query, prompt) pair.</summary>
    public static string BuildCritiquePrompt(string query, string prompt) => PublishedPrompts.Critique.Format(query, prompt);

    /// <summary>Judges one prompt; never throws for an endpoint failure (the verdict says <see cref="JudgeStatus.Failed"/>).</summary>
    /// <param name="query">The raw user query.</param>
    /// <param name="prompt">The optimizer's prompt.</param>
    /// <param name="checks">The automatic checks of the same pair, used when the judge names no category.</param>
    /// <param name="cancellationToken">Stops the conversation.</param>
    public async Task<JudgeVerdict> JudgeAsync(string query, string prompt, PrincipleReport checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        List<ChatMessage> conversation =
        [
            new(ChatRole.System, SystemPrompt),
            new(ChatRole.User, BuildCritiquePrompt(query, prompt)),
        ];
        var options = new ChatOptions { Temperature = temperature, ModelId = model };
        string critique;
        try
        {
            critique = (await chat.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Judge {Model} failed on a critique", model);
            return new JudgeVerdict(JudgeStatus.Failed, null, null, null, null, null, ex.Message);
        }

        var aligned = JudgementParser.Parse(critique);
        if (aligned is null)
        {
            return new JudgeVerdict(JudgeStatus.Skipped, null, null, null, critique, null, null);
        }

        if (aligned.Value)
        {
            return new JudgeVerdict(JudgeStatus.Judged, true, FailureKind.Aligned, "judge", critique, null, null);
        }

        conversation.Add(new ChatMessage(ChatRole.Assistant, critique));
        conversation.Add(new ChatMessage(ChatRole.User, CategoryQuestion.Text));
        string? answer = null;
        FailureKind? category = null;
        try
        {
            answer = (await chat.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false)).Text;
            category = CategoryQuestion.ParseAnswer(answer);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Judge {Model} failed on a category question; the automatic checks decide", model);
        }

        return category is { } named
            ? new JudgeVerdict(JudgeStatus.Judged, false, named, "judge", critique, answer, null)
            : new JudgeVerdict(JudgeStatus.Judged, false, FallbackCategory(checks), "checks", critique, answer, null);
    }

    private static FailureKind FallbackCategory(PrincipleReport checks) =>
        checks.Table2Category == FailureKind.Aligned ? FailureKind.Imprecise : checks.Table2Category;
}
