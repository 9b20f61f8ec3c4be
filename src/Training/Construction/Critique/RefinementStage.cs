using Microsoft.Extensions.AI;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Critique;

/// <summary>
/// Figure 8's refinement of a prompt judged misaligned: the critique conversation continues with the refinement
/// instruction, and the refined prompt is read between the markers. An answer without the markers, or whose prompt
/// spans lines, is malformed (the authors drop it): logged and asked again up to the attempt limit.
/// </summary>
public sealed class RefinementStage(IChatClient chat, float temperature = PublishedPrompts.JudgeTemperature) : IConstructionStage<CritiqueRecord, RefinementRecord>
{
    /// <inheritdoc />
    public string Name => "refine";

    /// <inheritdoc />
    public StageItem Describe(CritiqueRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Key, input.Query);
    }

    /// <inheritdoc />
    public async Task<StageOutcome<RefinementRecord>> ProcessAsync(CritiqueRecord input, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var conversation = CritiqueStage.Conversation(input.Query, input.Prompt);
        conversation.Add(new ChatMessage(ChatRole.Assistant, input.Critique));
        conversation.Add(new ChatMessage(ChatRole.User, PublishedPrompts.Refinement));
        var answer = await chat.AskAsync(conversation, temperature, null, cancellationToken).ConfigureAwait(false);
        var refined = BracketedPrompt.Extract(answer, out var problem);
        return refined is null
            ? StageOutcome<RefinementRecord>.Malformed(problem!, answer)
            : StageOutcome<RefinementRecord>.Done(new RefinementRecord(input.Key, input.Query, input.Prompt, input.Sample, refined, answer));
    }
}
