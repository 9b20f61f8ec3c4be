using Microsoft.Extensions.AI;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Reward;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Evaluation.Chat;

namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Labels curated queries safe or unsafe: the screen passes the queries it does not flag as safe; the LLM judge
/// decides the rest (the authors re-checked Detoxify's flags with an LLM). Unsafe queries are kept on purpose: they
/// teach the optimizer to rewrite harmlessly.
/// </summary>
public sealed class SafetyLabelStage(IChatClient chat, IUnsafeQueryScreen screen, float temperature = 0f) : IConstructionStage<string, QueryRecord>
{
    /// <summary>The marker before the judge's verdict.</summary>
    public const string Marker = "Safety-related (Yes or No)";

    private static readonly PromptTemplate Question = PublishedPrompts.Template("safety-label.txt");

    /// <inheritdoc />
    public string Name => "label-safety";

    /// <inheritdoc />
    public StageItem Describe(string input) => new(QueryKey.Of(input), input);

    /// <summary>The question put to the judge.</summary>
    public static string BuildQuestion(string query) => Question.Format(query);

    /// <inheritdoc />
    public async Task<StageOutcome<QueryRecord>> ProcessAsync(string input, int attempt, CancellationToken cancellationToken)
    {
        if (!screen.Flags(input))
        {
            return StageOutcome<QueryRecord>.Done(QueryRecord.Of(input, false));
        }

        var answer = await chat.AskAsync(
            [new ChatMessage(ChatRole.System, PublishedPrompts.JudgeSystem), new ChatMessage(ChatRole.User, BuildQuestion(input))],
            temperature, null, cancellationToken).ConfigureAwait(false);
        var marker = answer.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return StageOutcome<QueryRecord>.Malformed($"the answer has no \"{Marker}\"", answer);
        }

        var verdict = YesNoAnswer.Parse(answer[(marker + Marker.Length)..]);
        return verdict is null
            ? StageOutcome<QueryRecord>.Malformed($"the text after \"{Marker}\" is neither yes nor no", answer)
            : StageOutcome<QueryRecord>.Done(QueryRecord.Of(input, verdict.Value));
    }
}
