using Microsoft.Extensions.AI;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Critique;

/// <summary>
/// The published critique of one prompt. A critique without <c>Final Judgement (Yes or No)</c> is malformed: it is
/// logged and asked again, and skipped (as the authors skip it) once the attempts are used up.
/// </summary>
public sealed class CritiqueStage(IChatClient chat, float temperature = PublishedPrompts.JudgeTemperature) : IConstructionStage<PromptToJudge, CritiqueRecord>
{
    /// <inheritdoc />
    public string Name => "critique";

    /// <inheritdoc />
    public StageItem Describe(PromptToJudge input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Key, input.Query);
    }

    /// <summary>The conversation of a critique: the system prompt and the filled critique template.</summary>
    public static List<ChatMessage> Conversation(string query, string prompt) =>
        [new ChatMessage(ChatRole.System, PublishedPrompts.JudgeSystem), new ChatMessage(ChatRole.User, PublishedPrompts.Critique.Format(query, prompt))];

    /// <inheritdoc />
    public async Task<StageOutcome<CritiqueRecord>> ProcessAsync(PromptToJudge input, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var critique = await chat.AskAsync(Conversation(input.Query, input.Prompt), temperature, null, cancellationToken).ConfigureAwait(false);
        var aligned = JudgementParser.Parse(critique);
        return aligned is null
            ? StageOutcome<CritiqueRecord>.Malformed($"the critique has no \"{JudgementParser.Marker}\"", critique)
            : StageOutcome<CritiqueRecord>.Done(new CritiqueRecord(input.Key, input.Query, input.Prompt, input.Sample, critique, aligned.Value));
    }
}
