using Microsoft.Extensions.Logging;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Runs a stage over its inputs so that a long run survives anything: items already in the output file are skipped,
/// each finished item is appended as one flushed line (a crash or Ctrl-C loses and repeats nothing), only this
/// shard's items are taken, malformed answers are logged to the failures file and retried, and an item that keeps
/// failing is skipped rather than ending the stage.
/// </summary>
public sealed class StageRunner(StageRunOptions options, TextWriter? progress, ILogger logger, TimeProvider? time = null)
{
    private const int MaxAnswerLength = 4000;

    /// <summary>Runs <paramref name="stage"/> over <paramref name="inputs"/>.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled; everything finished so far is saved.</exception>
    /// <exception cref="StageAbortedException">Too many items failed in a row.</exception>
    public async Task<StageSummary> RunAsync<TInput, TRecord>(
        IConstructionStage<TInput, TRecord> stage, IEnumerable<TInput> inputs, StageFiles files, CancellationToken cancellationToken)
        where TRecord : class, IKeyedRecord
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(files);
        options.Validate();

        var done = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in JsonlReader.ReadAsync<KeyOnly>(files.Output, cancellationToken).ConfigureAwait(false))
        {
            if (!string.IsNullOrEmpty(record.Key))
            {
                done.Add(record.Key);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mine = new List<(TInput Input, StageItem Item)>();
        foreach (var input in inputs)
        {
            var item = stage.Describe(input);
            if (options.Shard.Contains(item.Query) && seen.Add(item.Key))
            {
                mine.Add((input, item));
            }
        }

        var todo = mine.Where(entry => !done.Contains(entry.Item.Key)).ToList();
        logger.LogInformation("{Stage} [{Shard}]: {Total} items, {Done} already done, {Todo} to do", stage.Name, options.Shard, mine.Count, mine.Count - todo.Count, todo.Count);

        await using var output = await JsonlAppender.OpenAsync(files.Output, cancellationToken).ConfigureAwait(false);
        await using var failures = await JsonlAppender.OpenAsync(files.Failures, cancellationToken).ConfigureAwait(false);
        var meter = new ProgressMeter(stage.Name, options.Shard, mine.Count, mine.Count - todo.Count, progress, time);
        await using (meter.ConfigureAwait(false))
        {
            meter.Start(options.ProgressInterval);
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var streak = 0;
            string? abortReason = null;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = abort.Token };
            try
            {
                await Parallel.ForEachAsync(todo, parallel, async (entry, token) =>
                {
                    var succeeded = await ProcessItemAsync(stage, entry.Input, entry.Item, output, failures, token).ConfigureAwait(false);
                    if (succeeded)
                    {
                        meter.ItemCompleted();
                        Interlocked.Exchange(ref streak, 0);
                        return;
                    }

                    meter.ItemFailed();
                    if (options.MaxConsecutiveFailures > 0 && Interlocked.Increment(ref streak) >= options.MaxConsecutiveFailures
                        && Interlocked.CompareExchange(ref abortReason, $"{stage.Name}: {options.MaxConsecutiveFailures} items failed in a row; stopping (see {files.Failures}). Fix the endpoint and rerun: finished items are kept.", null) is null)
                    {
                        await abort.CancelAsync().ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abortReason is not null && !cancellationToken.IsCancellationRequested)
            {
                await meter.WriteLineAsync().ConfigureAwait(false);
                throw new StageAbortedException(abortReason);
            }
            finally
            {
                await meter.WriteLineAsync().ConfigureAwait(false);
            }

            return new StageSummary(stage.Name, options.Shard, mine.Count, mine.Count - todo.Count, meter.Completed, meter.Failed, meter.Elapsed);
        }
    }

    private async Task<bool> ProcessItemAsync<TInput, TRecord>(
        IConstructionStage<TInput, TRecord> stage, TInput input, StageItem item, JsonlAppender output, JsonlAppender failures, CancellationToken cancellationToken)
        where TRecord : class, IKeyedRecord
    {
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            StageOutcome<TRecord> outcome;
            try
            {
                outcome = await stage.ProcessAsync(input, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                // The endpoint already retried transient errors; one more attempt now would hit the same wall.
                logger.LogWarning("{Stage}: item {Key} failed: {Reason}", stage.Name, item.Key, ex.Message);
                await failures.AppendAsync(new StageFailure(item.Key, item.Query, stage.Name, attempt, $"{ex.GetType().Name}: {ex.Message}", null, true, Now()), cancellationToken).ConfigureAwait(false);
                return false;
            }

            if (outcome.Record is { } record)
            {
                if (!string.Equals(record.Key, item.Key, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{stage.Name} returned a record with key '{record.Key}' for item '{item.Key}'.");
                }

                await output.AppendAsync(record, cancellationToken).ConfigureAwait(false);
                return true;
            }

            var last = attempt == options.MaxAttempts;
            logger.LogWarning("{Stage}: item {Key}, attempt {Attempt}: {Problem}", stage.Name, item.Key, attempt, outcome.Problem);
            await failures.AppendAsync(new StageFailure(item.Key, item.Query, stage.Name, attempt, outcome.Problem ?? "malformed answer", Shorten(outcome.Answer), last, Now()), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private DateTimeOffset Now() => (time ?? TimeProvider.System).GetUtcNow();

    private static string? Shorten(string? answer) => answer is null || answer.Length <= MaxAnswerLength ? answer : answer[..MaxAnswerLength] + "...";

    private sealed record KeyOnly(string Key);
}
