using Vpo.Inference.Generation;

namespace Vpo.Inference.Optimization;

/// <summary>How one query's optimization advanced: its current iteration's prompt grew, or that iteration ended.</summary>
/// <param name="Query">The query's position in the request (0 for a single query).</param>
/// <param name="Iteration">The refinement iteration, from 1.</param>
/// <param name="Delta">Text appended to the iteration's prompt (empty when the iteration ended).</param>
/// <param name="Finished">The iteration's answer, once it has ended; <c>null</c> while it grows.</param>
public sealed record OptimizationProgress(int Query, int Iteration, string Delta, GenerationResult? Finished);
