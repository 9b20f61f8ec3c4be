using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Telemetry;

namespace Vpo.Inference.Optimization;

/// <summary>
/// Optimizes user queries: reads their video-generation flags and runs the optimizer, feeding each answer back as the
/// next query for iterative refinement (paper, Appendix 11) until the iterations are used up or an answer repeats its
/// input. Several queries are optimized concurrently so that the scheduler can batch them. A caller may watch every
/// iteration's prompt grow (<see cref="OptimizationProgress"/>), which is how <c>POST /optimize</c> streams.
/// </summary>
public sealed class PromptOptimizer(GenerationScheduler scheduler)
{
    /// <summary>Optimizes <paramref name="query"/> over at most <paramref name="iterations"/> refinement steps.</summary>
    public Task<OptimizationResult> OptimizeAsync(string query, SamplingOptions options, int iterations, CancellationToken cancellationToken) =>
        OptimizeAsync(query, options, iterations, onProgress: null, cancellationToken);

    /// <summary>
    /// Optimizes <paramref name="query"/> over at most <paramref name="iterations"/> refinement steps, telling
    /// <paramref name="onProgress"/> (on the generator thread; it must return at once) how each iteration's prompt grows
    /// and when it ends. The progress reports position 0 for the query.
    /// </summary>
    public Task<OptimizationResult> OptimizeAsync(
        string query, SamplingOptions options, int iterations, Action<OptimizationProgress>? onProgress, CancellationToken cancellationToken) =>
        OptimizeOneAsync(query, 0, options, iterations, onProgress, cancellationToken);

    private async Task<OptimizationResult> OptimizeOneAsync(
        string query, int position, SamplingOptions options, int iterations, Action<OptimizationProgress>? onProgress, CancellationToken cancellationToken)
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
            var number = iteration + 1;
            var watch = onProgress is null
                ? (Action<Streaming.AnswerProgress>?)null
                : progress => onProgress(new OptimizationProgress(position, number, progress.Delta, null));
            var answer = await scheduler.GenerateAsync(GenerationJob.ForQuery(input, options, watch), cancellationToken).ConfigureAwait(false);
            onProgress?.Invoke(new OptimizationProgress(position, number, string.Empty, answer));
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
        return new OptimizationResult(query, answers, QueryFlagParser.Parse(query).Generation, converged);
    }

    /// <summary>Optimizes every query concurrently; results are in the order of <paramref name="queries"/>.</summary>
    public Task<IReadOnlyList<OptimizationResult>> OptimizeManyAsync(
        IReadOnlyList<string> queries, SamplingOptions options, int iterations, CancellationToken cancellationToken) =>
        OptimizeManyAsync(queries, options, iterations, onProgress: null, cancellationToken);

    /// <summary>
    /// Optimizes every query concurrently, telling <paramref name="onProgress"/> (on the generator thread; it must return
    /// at once) how each query's iterations grow and end; results are in the order of <paramref name="queries"/>.
    /// </summary>
    public async Task<IReadOnlyList<OptimizationResult>> OptimizeManyAsync(
        IReadOnlyList<string> queries, SamplingOptions options, int iterations, Action<OptimizationProgress>? onProgress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        // One refused or failed query fails the request: cancel the others rather than let them run for nobody,
        // and report the first failure rather than the cancellations it caused.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = queries.Select((query, position) => OptimizeOneAsync(query, position, options, iterations, onProgress, linked.Token)).ToArray();
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
