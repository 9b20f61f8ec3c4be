using Microsoft.Extensions.Logging.Abstractions;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Optimizers;
using Vpo.Training.Evaluation.Running;

namespace Vpo.Training.Tests.Evaluation.Running;

public sealed class EvaluationRunnerTests
{
    private static readonly IReadOnlyList<QueryItem> Items = Enumerable.Range(0, 10).Select(i => new QueryItem(i, $"query number {i}")).ToList();

    [Fact]
    public async Task An_interrupted_run_resumes_without_losing_or_repeating_an_item()
    {
        using var folder = new TempFolder();
        var path = folder.File("results.jsonl");
        var optimizer = new CountingOptimizer { CancelAfter = 4 };

        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner(log).RunAsync(optimizer, Items, optimizer.Cancellation.Token));
        }

        var doneFirst = File.ReadAllLines(path).Length;
        Assert.InRange(doneFirst, 1, 9);

        optimizer.CancelAfter = null;
        optimizer.Calls.Clear();
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            var before = log.Records.Select(r => r.Query).ToHashSet();
            await Runner(log).RunAsync(optimizer, Items, TestContext.Current.CancellationToken);

            Assert.Equal(10, log.Records.Count);
            Assert.Equal(10 - doneFirst, optimizer.Calls.Count);
            Assert.DoesNotContain(optimizer.Calls, before.Contains);
        }

        var indexes = File.ReadAllLines(path).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("index").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(0, 10), indexes.Order());
    }

    [Fact]
    public async Task A_torn_last_line_is_dropped_and_its_item_done_again()
    {
        using var folder = new TempFolder();
        var path = folder.File("results.jsonl");
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            await Runner(log).RunAsync(new CountingOptimizer(), Items.Take(3).ToList(), TestContext.Current.CancellationToken);
        }

        var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
        var torn = System.Text.Json.JsonDocument.Parse(text.TrimEnd('\n').Split('\n')[^1]).RootElement.GetProperty("query").GetString()!;
        await File.WriteAllTextAsync(path, text[..^40], TestContext.Current.CancellationToken);

        var optimizer = new CountingOptimizer();
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.Equal(2, log.Records.Count);
            await Runner(log).RunAsync(optimizer, Items.Take(3).ToList(), TestContext.Current.CancellationToken);
        }

        Assert.Equal([torn], optimizer.Calls);
        Assert.Equal(3, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task A_failing_optimizer_is_recorded_with_its_error_and_tried_again_next_run()
    {
        using var folder = new TempFolder();
        var path = folder.File("results.jsonl");
        var optimizer = new CountingOptimizer { FailOn = "query number 1" };
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            await Runner(log).RunAsync(optimizer, Items.Take(3).ToList(), TestContext.Current.CancellationToken);
            var failed = log.Find(optimizer.Name, 1)!;
            Assert.Null(failed.Output);
            Assert.Contains("refused by the test", failed.Error, StringComparison.Ordinal);
        }

        optimizer.FailOn = null;
        optimizer.Calls.Clear();
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            await Runner(log).RunAsync(optimizer, Items.Take(3).ToList(), TestContext.Current.CancellationToken);
            Assert.NotNull(log.Find(optimizer.Name, 1)!.Output);
        }

        Assert.Equal(["query number 1"], optimizer.Calls);
    }

    [Fact]
    public async Task Resuming_with_a_different_query_file_is_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("results.jsonl");
        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            await Runner(log).RunAsync(new CountingOptimizer(), Items.Take(2).ToList(), TestContext.Current.CancellationToken);
        }

        await using (var log = await ResultLog.OpenAsync(path, TestContext.Current.CancellationToken))
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                Runner(log).RunAsync(new CountingOptimizer(), [new QueryItem(0, "another query")], TestContext.Current.CancellationToken));
            Assert.Contains("--output", error.Message, StringComparison.Ordinal);
        }
    }

    private static EvaluationRunner Runner(ResultLog log) =>
        new(new PrincipleChecker(), judge: null, log, TextWriter.Null, NullLogger.Instance, concurrency: 2);

    private sealed class CountingOptimizer : IPromptOptimizer
    {
        private int _count;

        public string Name => "counting";

        public List<string> Calls { get; } = [];

        public int? CancelAfter { get; set; }

        public string? FailOn { get; set; }

        public CancellationTokenSource Cancellation { get; } = new();

        public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(query);
            }

            if (Interlocked.Increment(ref _count) > CancelAfter)
            {
                // The user presses Ctrl-C while this item is in flight.
                await Cancellation.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return query == FailOn ? throw new InvalidOperationException("refused by the test") : "A prompt for " + query;
        }
    }
}
