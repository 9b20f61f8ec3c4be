using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Telemetry;

namespace Vpo.Inference.Optimization;

/// <summary>
/// Optimizes user queries: reads their video-generation flags and runs the optimizer, feeding each answer back as the
/// next query for iterative refinement (paper, Appendix 11) until the iterations are used up or an answer repeats its
/// input. Several queries are optimized concurrently so that the scheduler can batch them.
/// </summary>
public sealed class PromptOptimizer(GenerationScheduler scheduler)
{
    /// <summary>Optimizes <paramref name="query"/> over at most <paramref name="iterations"/> refinement steps.</summary>
    public async Task<OptimizationResult> OptimizeAsync(string query, SamplingOptions options, int iterations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        using var activity = InferenceTelemetry.ActivitySource.StartActivity("vpo.optimize");
        activity?.SetTag("vpo.iterations.requested", iterations);

        var answers = new List<GenerationResult>(iterations);
        var input = query;
        var converged = false;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var answer = await scheduler.GenerateAsync(new GenerationRequest(input, options), cancellationToken).ConfigureAwait(false);
            answers.Add(answer);
            if (string.Equals(answer.Text.Trim(), input.Trim(), StringComparison.Ordinal))
            {
                converged = true;
                break;
            }

            if (answer.Text.Length == 0)
            {
                // Nothing to refine further.
                break;
            }

            input = answer.Text;
        }

        activity?.SetTag("vpo.iterations.run", answers.Count);
        return new OptimizationResult(query, answers, QueryFlagParser.Parse(query), converged);
    }

    /// <summary>Optimizes every query concurrently; results are in the order of <paramref name="queries"/>.</summary>
    public async Task<IReadOnlyList<OptimizationResult>> OptimizeManyAsync(
        IReadOnlyList<string> queries, SamplingOptions options, int iterations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        // One refused or failed query fails the request: cancel the others rather than let them run for nobody,
        // and report the first failure rather than the cancellations it caused.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = queries.Select(query => OptimizeAsync(query, options, iterations, linked.Token)).ToArray();
        var open = new List<Task<OptimizationResult>>(tasks);
        while (open.Count > 0)
        {
            var finished = await Task.WhenAny(open).ConfigureAwait(false);
            open.Remove(finished);
            if (finished.Status != TaskStatus.RanToCompletion)
            {
                await linked.CancelAsync().ConfigureAwait(false);
                await ((Task)Task.WhenAll(open)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await finished.ConfigureAwait(false);
            }
        }

        return [.. tasks.Select(task => task.Result)];
    }
}
