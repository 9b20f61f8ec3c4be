using Microsoft.Extensions.AI;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Critique;

/// <summary>Figure 7: the LLM writes a query's first prompt after three example prompts.</summary>
public sealed class FewShotGenerationStage(IChatClient chat, Demonstrations demonstrations, int seed, float temperature = PublishedPrompts.JudgeTemperature)
    : IConstructionStage<string, GeneratedPrompt>
{
    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public StageItem Describe(string input) => new(QueryKey.Of(input), input);

    /// <summary>The user turn sent for <paramref name="query"/>.</summary>
    public string BuildPrompt(string query, IReadOnlyList<int> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return PublishedPrompts.FewShotGeneration.Format(demonstrations[examples[0]], demonstrations[examples[1]], demonstrations[examples[2]], query);
    }

    /// <inheritdoc />
    public async Task<StageOutcome<GeneratedPrompt>> ProcessAsync(string input, int attempt, CancellationToken cancellationToken)
    {
        var examples = demonstrations.Pick(input, seed);
        var answer = await chat.AskAsync(
            [new ChatMessage(ChatRole.System, PublishedPrompts.JudgeSystem), new ChatMessage(ChatRole.User, BuildPrompt(input, examples))],
            temperature, null, cancellationToken).ConfigureAwait(false);
        var prompt = BracketedPrompt.Extract(answer, out var problem);
        return prompt is null
            ? StageOutcome<GeneratedPrompt>.Malformed(problem!, answer)
            : StageOutcome<GeneratedPrompt>.Done(new GeneratedPrompt(QueryKey.Of(input), input, prompt, examples));
    }
}
