namespace Vpo.Api.Contracts;

/// <summary>
/// The optimizer's answer. For a single <c>query</c> the result's fields (<c>prompt</c>, <c>iterations</c>,
/// <c>generation</c>, <c>converged</c>) are at the top level; for <c>queries</c> they are in <c>results</c>, one per
/// query in order. <c>usage</c> and <c>timings</c> add up every generation the request ran.
/// </summary>
public sealed record OptimizeResponse
{
    /// <summary>The optimized video prompt (single query): the last iteration's answer.</summary>
    /// <example>A fluffy corgi rides a turquoise wave on a surfboard at golden hour, spray glittering in the warm light, the camera tracking alongside in a smooth wide shot.</example>
    public string? Prompt { get; init; }

    /// <summary>Every refinement iteration's answer, in order (single query).</summary>
    public IReadOnlyList<OptimizeIteration>? Iterations { get; init; }

    /// <summary>Video-generation flags parsed from the query (single query).</summary>
    public GenerationParametersContract? Generation { get; init; }

    /// <summary>True when refinement stopped early because an iteration returned its input unchanged (single query).</summary>
    /// <example>false</example>
    public bool? Converged { get; init; }

    /// <summary>One result per query, in request order (only for <c>queries</c>).</summary>
    public IReadOnlyList<OptimizeResult>? Results { get; init; }

    /// <summary>The served model's name.</summary>
    /// <example>vpo-optimizer</example>
    public required string Model { get; init; }

    /// <summary>Tokens processed by all generations of this request.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Time spent by all generations of this request.</summary>
    public required Timings Timings { get; init; }
}
