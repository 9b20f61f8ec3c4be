using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;

namespace Vpo.Inference.Optimization;

/// <summary>The outcome of optimizing one query, possibly over several refinement iterations.</summary>
/// <param name="Query">The query as the user wrote it.</param>
/// <param name="Iterations">Every iteration's answer, in order; the last one is the optimized prompt.</param>
/// <param name="Generation">The video-generation flags found in the query.</param>
/// <param name="Converged">Whether refinement stopped early because an iteration returned its input unchanged.</param>
public sealed record OptimizationResult(
    string Query,
    IReadOnlyList<GenerationResult> Iterations,
    GenerationParameters Generation,
    bool Converged)
{
    /// <summary>The optimized prompt: the last iteration's answer.</summary>
    public string Prompt => Iterations[^1].Text;
}
