namespace Vpo.Api.Contracts;

/// <summary>The result for one of several <c>queries</c>.</summary>
public sealed record OptimizeResult
{
    /// <summary>The query as sent.</summary>
    /// <example>a cat playing piano</example>
    public required string Query { get; init; }

    /// <summary>The optimized video prompt: the last iteration's answer.</summary>
    /// <example>A ginger cat sits at a grand piano in a sunlit living room, paws pressing the keys as the camera slowly pushes in.</example>
    public required string Prompt { get; init; }

    /// <summary>Every refinement iteration's answer, in order.</summary>
    public required IReadOnlyList<OptimizeIteration> Iterations { get; init; }

    /// <summary>Video-generation flags parsed from the query.</summary>
    public required GenerationParametersContract Generation { get; init; }

    /// <summary>True when refinement stopped early because an iteration returned its input unchanged.</summary>
    /// <example>false</example>
    public required bool Converged { get; init; }

    /// <summary>Tokens processed for this query.</summary>
    public required TokenUsage Usage { get; init; }

    /// <summary>Time spent for this query.</summary>
    public required Timings Timings { get; init; }
}
