using Vpo.Inference.Generation;

namespace Vpo.Api.Validation;

/// <summary>A validated optimize request: what to run.</summary>
/// <param name="Queries">The queries, in request order.</param>
/// <param name="IsSingle">Whether the request used <c>query</c> (answer at the top level) rather than <c>queries</c>.</param>
/// <param name="Options">Search options with the defaults filled in.</param>
/// <param name="Iterations">Refinement iterations per query.</param>
public sealed record OptimizePlan(IReadOnlyList<string> Queries, bool IsSingle, SamplingOptions Options, int Iterations);
