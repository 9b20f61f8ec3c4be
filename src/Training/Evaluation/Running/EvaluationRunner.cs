using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Judging;
using Vpo.Training.Evaluation.Optimizers;

namespace Vpo.Training.Evaluation.Running;

/// <summary>
/// Runs one optimizer over the selected queries: optimize, check, judge (when configured), append to the log.
/// Items already in the log are skipped, so an interrupted run resumes where it stopped; a failed item is
/// recorded with its error and tried again on the next run; an item whose judge verdict is missing or failed
/// is judged again without optimizing again.
/// </summary>
public sealed class EvaluationRunner(
    PrincipleChecker checker, CritiqueJudge? judge, ResultLog log, TextWriter progressWriter, ILogger logger, int concurrency)
{
    /// <summary>Evaluates <paramref name="optimizer"/> on <paramref name="items"/>.</summary>
    /// <exception cref="InvalidDataException">The log holds a record for a query index whose query differs (another query file).</exception>
    public async Task RunAsync(IPromptOptimizer optimizer, IReadOnlyList<QueryItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(items);
        var pending = new List<(QueryItem Item, EvaluationRecord? Earlier)>();
        foreach (var item in items)
        {
            var earlier = log.Find(optimizer.Name, item.Index);
            if (earlier is not null && earlier.QueryHash != EvaluationRecord.HashOf(item.Query))
            {
                throw new InvalidDataException(
                    $"{log.Path} holds a result of '{optimizer.Name}' for query {item.Index} that was written for a different query; " +
                    "the query file changed since that run. Use a new --output folder.");
            }

            if (!IsDone(earlier))
            {
                pending.Add((item, earlier));
            }
        }

        logger.LogInformation("Optimizer {Optimizer}: {Pending} of {Total} queries to evaluate", optimizer.Name, pending.Count, items.Count);
        var progress = new ProgressReporter(progressWriter, optimizer.Name, items.Count, items.Count - pending.Count);
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (work, token) =>
            {
                var record = await EvaluateAsync(optimizer, work.Item, work.Earlier, token).ConfigureAwait(false);
                // Work that finished is kept even when the run is being cancelled.
                await log.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
                progress.Advance(failed: record.Error is not null);
            }).ConfigureAwait(false);
        progress.Complete();
    }

    private bool IsDone(EvaluationRecord? record) =>
        record is { Output: not null, Error: null }
        && (judge is null || record.Judge is { Status: not JudgeStatus.Failed });

    private async Task<EvaluationRecord> EvaluateAsync(
        IPromptOptimizer optimizer, QueryItem item, EvaluationRecord? earlier, CancellationToken cancellationToken)
    {
        string? output = earlier is { Output: not null, Error: null } ? earlier.Output : null;
        string? error = null;
        var elapsed = earlier?.ElapsedMs ?? 0;
        if (output is null)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                output = await optimizer.OptimizeAsync(item.Query, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One bad answer must not end the run: record why, the next run tries again.
                logger.LogWarning("Optimizer {Optimizer} failed on query {Index}: {Error}", optimizer.Name, item.Index, ex.Message);
                error = ex.GetType().Name + ": " + ex.Message;
            }

            elapsed = clock.Elapsed.TotalMilliseconds;
        }

        var checks = output is null ? null : checker.Check(item.Query, output);
        JudgeVerdict? verdict = null;
        if (judge is not null && output is not null && checks is not null)
        {
            verdict = await judge.JudgeAsync(item.Query, output, checks, cancellationToken).ConfigureAwait(false);
        }

        return new EvaluationRecord(optimizer.Name, item.Index, EvaluationRecord.HashOf(item.Query), item.Query, output, error, elapsed, checks, verdict);
    }
}
