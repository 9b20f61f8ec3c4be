namespace Vpo.Inference.Generation;

/// <summary>The answer to one <see cref="GenerationJob"/> (or <see cref="GenerationRequest"/>).</summary>
/// <param name="Text">The answer: a single paragraph (see <see cref="AnswerText"/>) or the raw text before the first stop string.</param>
/// <param name="TokenIds">The generated token ids, stop token excluded (before trimming).</param>
/// <param name="FinishReason">Whether the model stopped by itself (or reached a stop string) or ran out of tokens.</param>
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
