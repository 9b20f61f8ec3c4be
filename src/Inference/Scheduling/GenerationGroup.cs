using Vpo.Inference.Generation;

namespace Vpo.Inference.Scheduling;

/// <summary>Several generations a request needs together (the <c>n</c> choices of a chat completion).</summary>
public static class GenerationGroup
{
    /// <summary>
    /// Queues every job at once, so that compatible ones share a generator, and returns their answers in order.
    /// <paramref name="onFinished"/> hears of each answer as it ends. The first refusal or failure cancels the others
    /// and is thrown, rather than the cancellations it caused.
    /// </summary>
    public static async Task<IReadOnlyList<GenerationResult>> GenerateAllAsync(
        this GenerationScheduler scheduler, IReadOnlyList<GenerationJob> jobs, Action<int, GenerationResult>? onFinished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(jobs);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = jobs.Select((job, index) => GenerateOneAsync(scheduler, job, index, onFinished, linked.Token)).ToArray();
        var open = new List<Task<GenerationResult>>(tasks);
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

    private static async Task<GenerationResult> GenerateOneAsync(
        GenerationScheduler scheduler, GenerationJob job, int index, Action<int, GenerationResult>? onFinished, CancellationToken cancellationToken)
    {
        var result = await scheduler.GenerateAsync(job, cancellationToken).ConfigureAwait(false);
        onFinished?.Invoke(index, result);
        return result;
    }
}
