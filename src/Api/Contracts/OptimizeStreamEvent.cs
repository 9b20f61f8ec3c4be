using Microsoft.AspNetCore.Mvc;

namespace Vpo.Api.Contracts;

/// <summary>
/// One server-sent event of a streamed optimization (<c>POST /optimize</c> with <c>Accept: text/event-stream</c>). Each
/// event is a <c>data:</c> line holding one of these objects, told apart by <c>object</c>:
/// <c>optimize.delta</c> (text appended to the prompt of query <c>index</c>, iteration <c>iteration</c>; a few tokens
/// may be joined), <c>optimize.iteration</c> (that iteration ended: its whole <c>prompt</c> and <c>finish_reason</c>),
/// <c>optimize.result</c> (the whole response, the same body the request returns without streaming) and
/// <c>optimize.error</c> (the optimization failed after the stream began). The stream ends with <c>data: [DONE]</c>
/// after the result.
/// </summary>
public sealed record OptimizeStreamEvent
{
    /// <summary><c>optimize.delta</c>, <c>optimize.iteration</c>, <c>optimize.result</c> or <c>optimize.error</c>.</summary>
    /// <example>optimize.delta</example>
    public required string Object { get; init; }

    /// <summary>The query's position in the request (0 for <c>query</c>); deltas and iterations only.</summary>
    /// <example>0</example>
    public int? Index { get; init; }

    /// <summary>The refinement iteration, from 1; deltas and iterations only. A new iteration's prompt starts empty.</summary>
    /// <example>1</example>
    public int? Iteration { get; init; }

    /// <summary>Text appended to the iteration's prompt (<c>optimize.delta</c>).</summary>
    /// <example> sits at a grand piano</example>
    public string? Delta { get; init; }

    /// <summary>The iteration's whole prompt, equal to its deltas joined (<c>optimize.iteration</c>).</summary>
    /// <example>A ginger cat sits at a grand piano in a sunlit living room.</example>
    public string? Prompt { get; init; }

    /// <summary><c>stop</c> or <c>length</c> (<c>optimize.iteration</c>).</summary>
    /// <example>stop</example>
    public string? FinishReason { get; init; }

    /// <summary>The whole response (<c>optimize.result</c>).</summary>
    public OptimizeResponse? Result { get; init; }

    /// <summary>What went wrong (<c>optimize.error</c>), as problem details.</summary>
    public ProblemDetails? Error { get; init; }
}
