namespace Vpo.Inference.Generation;

/// <summary>The optimizer's answer to one <see cref="GenerationRequest"/>.</summary>
/// <param name="Text">The answer trimmed to a single paragraph (see <see cref="AnswerText"/>).</param>
/// <param name="TokenIds">The generated token ids, stop token excluded (before trimming).</param>
/// <param name="FinishReason">Whether the model stopped by itself or ran out of tokens.</param>
/// <param name="PromptTokens">Tokens in the templated prompt.</param>
/// <param name="CompletionTokens">Tokens generated, stop token excluded.</param>
/// <param name="QueueTime">Time spent waiting for a generator.</param>
/// <param name="GenerationTime">Time from the generator's start to this row's end.</param>
/// <param name="TimeToFirstToken">Time from the request's arrival to its first generated token.</param>
/// <param name="BatchSize">How many rows shared the generator.</param>
public sealed record GenerationResult(
    string Text,
    IReadOnlyList<int> TokenIds,
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan QueueTime,
    TimeSpan GenerationTime,
    TimeSpan TimeToFirstToken,
    int BatchSize);
