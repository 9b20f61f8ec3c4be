namespace Vpo.Api.Contracts;

/// <summary>One refinement iteration: the optimizer's answer to the previous iteration's prompt (or to the query).</summary>
public sealed record OptimizeIteration
{
    /// <summary>The answer of this iteration.</summary>
    /// <example>A ginger cat sits at a grand piano in a sunlit living room, paws pressing the keys as the camera slowly pushes in.</example>
    public required string Prompt { get; init; }

    /// <summary><c>stop</c> when the model ended its answer, <c>length</c> when the token budget ran out first.</summary>
    /// <example>stop</example>
    public required string FinishReason { get; init; }

    /// <summary>How many requests shared the generator that produced this answer.</summary>
    /// <example>4</example>
    public required int BatchSize { get; init; }

    /// <summary>Tokens processed by this iteration.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Time spent by this iteration.</summary>
    public required Timings Timings { get; init; }
}
