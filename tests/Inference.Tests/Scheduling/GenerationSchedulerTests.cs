using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Telemetry;

namespace Vpo.Inference.Tests.Scheduling;

public sealed class GenerationSchedulerTests(TinyModel model) : IAsyncLifetime
{
    private static readonly SamplingOptions Greedy = new(0, 1, 8, null);
    private static readonly string[] Queries = ["a cat", "a dog running on the beach at sunset -ar 16:9", "x", "a castle"];

    private readonly TestMeterFactory _meters = new();
    private readonly List<GenerationScheduler> _schedulers = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var scheduler in _schedulers)
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }

        _meters.Dispose();
    }

    private async Task<GenerationScheduler> StartAsync(TimeSpan window, int maxBatchSize = 8, int queueCapacity = 64)
    {
        var statistics = new SchedulerStatistics();
        var scheduler = new GenerationScheduler(
            model.Host,
            Options.Create(new InferenceOptions { BatchWindow = window, MaxBatchSize = maxBatchSize, QueueCapacity = queueCapacity }),
            statistics,
            new InferenceTelemetry(_meters, statistics),
            NullLogger<GenerationScheduler>.Instance);
        _schedulers.Add(scheduler);
        await scheduler.StartAsync(TestContext.Current.CancellationToken);
        return scheduler;
    }

    private static Task<GenerationResult> Generate(GenerationScheduler scheduler, string query, SamplingOptions options, CancellationToken cancellation) =>
        scheduler.GenerateAsync(new GenerationRequest(query, options), cancellation);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Concurrent_greedy_requests_share_one_generator_and_get_their_solo_answers()
    {
        var scheduler = await StartAsync(TimeSpan.FromMilliseconds(300));
        var cancellation = TestContext.Current.CancellationToken;
        var alone = new List<GenerationResult>();
        foreach (var query in Queries)
        {
            alone.Add(await Generate(scheduler, query, Greedy, cancellation));
        }

        var runsBefore = scheduler.Statistics.GeneratorRuns;
        var together = await Task.WhenAll(Queries.Select(query => Generate(scheduler, query, Greedy, cancellation)));

        Assert.Equal(Queries.Length, runsBefore);
        Assert.Equal(1, scheduler.Statistics.GeneratorRuns - runsBefore);
        for (var index = 0; index < Queries.Length; index++)
        {
            Assert.Equal(1, alone[index].BatchSize);
            Assert.Equal(Queries.Length, together[index].BatchSize);
            Assert.Equal(alone[index].TokenIds, together[index].TokenIds);
            Assert.Equal(alone[index].Text, together[index].Text);
            Assert.Equal(alone[index].PromptTokens, together[index].PromptTokens);
        }
    }

    [Fact]
    public async Task A_watched_generation_shares_the_batch_of_unwatched_ones_and_sees_its_whole_answer_grow()
    {
        var scheduler = await StartAsync(TimeSpan.FromMilliseconds(300));
        var cancellation = TestContext.Current.CancellationToken;
        var pieces = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var chat = new GenerationJob(
            [new ChatMessage(ChatRole.User, "hello")],
            Greedy,
            new AnswerOptions(AnswerFormat.Raw, [], progress => pieces.Enqueue(progress.Delta)));

        var watched = scheduler.GenerateAsync(chat, cancellation);
        var others = Queries.Select(query => Generate(scheduler, query, Greedy, cancellation)).ToList();
        await Task.WhenAll(others.Append(watched));

        Assert.Equal(1, scheduler.Statistics.GeneratorRuns);
        Assert.Equal(Queries.Length + 1, (await watched).BatchSize);
        Assert.Equal((await watched).Text, string.Concat(pieces));
        Assert.Equal(model.Host.EncodeChat(chat.Messages).Length, (await watched).PromptTokens);
    }

    [Fact]
    public async Task Callers_answered_by_a_run_rejoin_the_requests_that_waited_during_it()
    {
        var scheduler = await StartAsync(TimeSpan.FromMilliseconds(150));
        var cancellation = TestContext.Current.CancellationToken;
        using var runMayEnd = new ManualResetEventSlim();
        // The watcher runs on the generator's thread: holding it keeps the first run going while others queue.
        var held = new GenerationJob([new ChatMessage(ChatRole.User, "a cat")], Greedy, new AnswerOptions(AnswerFormat.Raw, [], _ => runMayEnd.Wait(cancellation)));
        var first = scheduler.GenerateAsync(held, cancellation);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 1, "the first run starts");
        var waitedA = Generate(scheduler, "a dog", Greedy, cancellation);
        var waitedB = Generate(scheduler, "a bird", Greedy, cancellation);
        await WaitUntilAsync(() => scheduler.Statistics.QueueLength == 2, "two requests wait");
        await Task.Delay(TimeSpan.FromMilliseconds(300), cancellation); // longer than their window

        // Like a closed-loop client, the first caller sends its next request once its answer has come back to it.
        var rejoined = Rejoin();
        runMayEnd.Set();
        var results = await Task.WhenAll(waitedA, waitedB, rejoined);

        Assert.All(results, result => Assert.Equal(3, result.BatchSize));
        Assert.Equal(2, scheduler.Statistics.GeneratorRuns);

        async Task<GenerationResult> Rejoin()
        {
            await first;
            await Task.Delay(TimeSpan.FromMilliseconds(30), cancellation);
            return await Generate(scheduler, "a castle", Greedy, cancellation);
        }
    }

    [Fact]
    public async Task Requests_with_different_search_options_run_in_separate_generators()
    {
        var scheduler = await StartAsync(TimeSpan.FromMilliseconds(300));
        var cancellation = TestContext.Current.CancellationToken;
        var sampled = new SamplingOptions(0.8, 0.95, 8, null);

        var results = await Task.WhenAll(
            Generate(scheduler, "a cat", Greedy, cancellation),
            Generate(scheduler, "a dog", sampled, cancellation),
            Generate(scheduler, "a bird", Greedy, cancellation),
            Generate(scheduler, "a fish", sampled, cancellation));

        Assert.Equal(2, scheduler.Statistics.GeneratorRuns);
        Assert.All(results, result => Assert.Equal(2, result.BatchSize));
    }

    [Fact]
    public async Task Seeded_sampling_requests_run_alone_and_reproduce_their_answer()
    {
        var scheduler = await StartAsync(TimeSpan.FromMilliseconds(300));
        var cancellation = TestContext.Current.CancellationToken;
        var seeded = new SamplingOptions(0.9, 1.0, 16, 1234);

        var first = await Generate(scheduler, "a cat", seeded, cancellation);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Generate(scheduler, "a cat", seeded, cancellation)));

        Assert.Equal(4, scheduler.Statistics.GeneratorRuns);
        Assert.All(concurrent, result =>
        {
            Assert.Equal(1, result.BatchSize);
            Assert.Equal(first.TokenIds, result.TokenIds);
        });
    }

    [Fact]
    public async Task A_full_queue_refuses_new_work_at_once()
    {
        var scheduler = await StartAsync(TimeSpan.Zero, maxBatchSize: 1, queueCapacity: 1);
        using var callers = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Generate(scheduler, "a cat", Greedy with { MaxNewTokens = 2000, MinNewTokens = 2000 }, callers.Token);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 1, "the first request runs");
        var waiting = Generate(scheduler, "a dog", Greedy, callers.Token);
        await WaitUntilAsync(() => scheduler.Statistics.QueueLength == 1, "the second request waits");

        var refused = await Assert.ThrowsAsync<QueueFullException>(() => Generate(scheduler, "a bird", Greedy, callers.Token));

        Assert.Equal(1, refused.Capacity);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(1, scheduler.Statistics.Rejected);
        await callers.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_caller_that_cancels_while_waiting_leaves_the_queue()
    {
        var scheduler = await StartAsync(TimeSpan.Zero, maxBatchSize: 1);
        using var first = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var second = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Generate(scheduler, "a cat", Greedy with { MaxNewTokens = 2000, MinNewTokens = 2000 }, first.Token);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 1, "the first request runs");
        var waiting = Generate(scheduler, "a dog", Greedy, second.Token);
        await WaitUntilAsync(() => scheduler.Statistics.QueueLength == 1, "the second request waits");

        await second.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, scheduler.Statistics.QueueLength);
        Assert.Equal(1, scheduler.Statistics.CancelledRows);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 0, "the first run ends");
        // The cancelled waiter never reached a generator.
        Assert.Equal(1, scheduler.Statistics.RowsRun);
    }

    [Fact]
    public async Task A_caller_that_cancels_while_its_row_runs_stops_the_generator()
    {
        const int Budget = 2000;
        var scheduler = await StartAsync(TimeSpan.Zero);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Generate(scheduler, "a cat", Greedy with { MaxNewTokens = Budget, MinNewTokens = Budget }, caller.Token);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 1, "the request runs");

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await WaitUntilAsync(() => scheduler.Statistics.RunningRows == 0, "the run ends");
        Assert.True(scheduler.Statistics.GeneratedTokens < Budget, $"{scheduler.Statistics.GeneratedTokens} tokens were generated for a caller that left");
        Assert.Equal(1, scheduler.Statistics.CancelledRows);
    }

    [Fact]
    public async Task A_query_too_long_for_the_context_is_refused_before_queueing()
    {
        var scheduler = await StartAsync(TimeSpan.Zero);

        // About 21,000 characters of varied words are far more tokens than the fixture's 4,096-token context.
        var query = string.Join(' ', Enumerable.Repeat("zebra quantum violet", 1000));
        var error = await Assert.ThrowsAsync<PromptTooLongException>(() =>
            Generate(scheduler, query, Greedy, TestContext.Current.CancellationToken));

        Assert.Equal(4096, error.ContextLength);
        Assert.Equal(0, scheduler.Statistics.QueueLength);
    }

    [Fact]
    public async Task The_answer_reports_its_tokens_times_and_finish_reason()
    {
        var scheduler = await StartAsync(TimeSpan.Zero);

        var result = await Generate(scheduler, "a cat", Greedy with { MinNewTokens = Greedy.MaxNewTokens }, TestContext.Current.CancellationToken);

        Assert.Equal(Greedy.MaxNewTokens, result.CompletionTokens);
        Assert.Equal(result.CompletionTokens, result.TokenIds.Count);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(model.Host.EncodePrompt("a cat").Length, result.PromptTokens);
        Assert.True(result.GenerationTime > TimeSpan.Zero);
        Assert.True(result.TimeToFirstToken >= result.QueueTime);
        Assert.True(result.TimeToFirstToken <= result.QueueTime + result.GenerationTime);
    }
}
