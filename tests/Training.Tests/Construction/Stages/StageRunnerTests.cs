using System.Text.Json;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Stages;

public sealed class StageRunnerTests
{
    private static List<PromptToJudge> Items(int count) =>
        Enumerable.Range(0, count).Select(i => new PromptToJudge(QueryKey.Of($"query {i}"), $"query {i}", $"A vivid prompt number {i}.", null)).ToList();

    private static List<string> Keys(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("key").GetString()!).ToList();

    [Fact]
    public async Task Rerun_after_cancellation_loses_and_repeats_no_item()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        judge.AnswerDelay = TimeSpan.FromMilliseconds(15);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var items = Items(60);
        var files = StageFiles.For(folder.File("critiques.jsonl"));

        // Cancel the way Ctrl-C does once a third of the items are written.
        using var interrupt = new CancellationTokenSource();
        var stage = new CancellingStage(new CritiqueStage(chat), 20, interrupt);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestSettings.Runner(workers: 4).RunAsync(stage, items, files, interrupt.Token));
        var afterInterrupt = File.ReadAllLines(files.Output);
        Assert.InRange(afterInterrupt.Length, 20, 59);

        var summary = await TestSettings.Runner(workers: 4).RunAsync(new CritiqueStage(chat), items, files, CancellationToken.None);

        var keys = Keys(files.Output);
        Assert.Equal(items.Select(i => i.Key).Order(), keys.Order());
        Assert.Equal(afterInterrupt, File.ReadAllLines(files.Output).Take(afterInterrupt.Length));
        Assert.Equal(afterInterrupt.Length, summary.AlreadyDone);
        Assert.Equal(60 - afterInterrupt.Length, summary.Completed);
        Assert.Equal(0, summary.Remaining);
    }

    [Fact]
    public async Task Torn_last_line_is_cut_off_and_its_item_done_again()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var items = Items(5);
        var files = StageFiles.For(folder.File("critiques.jsonl"));
        await TestSettings.Runner().RunAsync(new CritiqueStage(chat), items.Take(2), files, CancellationToken.None);
        var whole = File.ReadAllText(files.Output);
        // A crash in the middle of writing the third record.
        File.WriteAllText(files.Output, whole + "{\"key\":\"" + items[2].Key + "\",\"query\":\"query 2\",\"pro");

        var summary = await TestSettings.Runner().RunAsync(new CritiqueStage(chat), items, files, CancellationToken.None);

        Assert.Equal(2, summary.AlreadyDone);
        Assert.Equal(3, summary.Completed);
        Assert.Equal(items.Select(i => i.Key).Order(), Keys(files.Output).Order());
        Assert.EndsWith("\n", File.ReadAllText(files.Output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_answers_are_logged_retried_and_skipped_without_ending_the_stage()
    {
        using var folder = new TestFolder();
        var garbageFor = new HashSet<string> { "query 1", "query 3" };
        var firstTry = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        await using var judge = await OpenAiChatServerDouble.StartAsync(call =>
        {
            var query = garbageFor.FirstOrDefault(q => call.LastUser.Contains($"“{q}”", StringComparison.Ordinal));
            // query 1 never answers in format; query 3 does on its second try.
            if (query == "query 1" || (query == "query 3" && firstTry.AddOrUpdate(query, 1, (_, n) => n + 1) == 1))
            {
                return "I think it is fine.";
            }

            return JudgeScript.Answer(call);
        });
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var files = StageFiles.For(folder.File("critiques.jsonl"));

        var summary = await TestSettings.Runner(attempts: 3).RunAsync(new CritiqueStage(chat), Items(5), files, CancellationToken.None);

        Assert.Equal(4, summary.Completed);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(1, summary.Remaining);
        var failures = File.ReadAllLines(files.Failures).Select(l => JsonSerializer.Deserialize<StageFailure>(l, StageJson.Options)!).ToList();
        Assert.Equal(4, failures.Count);
        Assert.Equal(3, failures.Count(f => f.Query == "query 1"));
        Assert.True(failures.Single(f => f.Query == "query 1" && f.Attempt == 3).GivenUp);
        Assert.All(failures, f => Assert.Contains("Final Judgement (Yes or No)", f.Reason, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Equal("I think it is fine.", f.Answer));
        Assert.DoesNotContain(QueryKey.Of("query 1"), Keys(files.Output));
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_stops_the_stage_with_a_clear_reason()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        judge.Fail(ServerFault.ServerError, 1000);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl, TestSettings.FastHttp(maxRetries: 0)));
        var files = StageFiles.For(folder.File("critiques.jsonl"));

        var aborted = await Assert.ThrowsAsync<StageAbortedException>(() =>
            TestSettings.Runner(workers: 1, maxConsecutiveFailures: 5).RunAsync(new CritiqueStage(chat), Items(40), files, CancellationToken.None));

        Assert.Contains("5 items failed in a row", aborted.Message, StringComparison.Ordinal);
        Assert.InRange(judge.Requests, 5, 8);
        Assert.Equal(judge.Requests, File.ReadAllLines(files.Failures).Length);
    }

    [Fact]
    public async Task Shards_split_the_items_disjointly_and_together_cover_them()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var items = Items(30);
        var perShard = new List<List<string>>();
        for (var shard = 1; shard <= 3; shard++)
        {
            var files = StageFiles.For(folder.File($"critiques-{shard}.jsonl"));
            await TestSettings.Runner(new StageRunOptions { Shard = new ShardSpec(shard, 3), ProgressInterval = TimeSpan.Zero })
                .RunAsync(new CritiqueStage(chat), items, files, CancellationToken.None);
            perShard.Add(Keys(files.Output));
        }

        Assert.All(perShard, keys => Assert.NotEmpty(keys));
        Assert.Equal(items.Select(i => i.Key).Order(), perShard.SelectMany(k => k).Order());
        Assert.Equal(30, judge.Calls.Count);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("3")]
    [InlineData("a/b")]
    public void Shard_text_out_of_range_is_rejected_with_the_expected_form(string text)
    {
        var error = Assert.Throws<FormatException>(() => ShardSpec.Parse(text));
        Assert.Contains("i/N", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shard_assignment_depends_only_on_the_query()
    {
        var shard = ShardSpec.Parse("2/8");
        Assert.Equal(shard.Contains("a cat on a skateboard"), new ShardSpec(2, 8).Contains("a cat on a skateboard"));
        Assert.Equal("1a9a0bcbb3ad2a8c".Length, QueryKey.Of("x").Length);
        Assert.Equal(QueryKey.Of("a cat on a skateboard"), QueryKey.Of("a cat on a skateboard"));
    }

    [Fact]
    public void Progress_line_reports_done_failures_rate_and_eta()
    {
        var time = new ManualTime();
        var meter = new ProgressMeter("critique", new ShardSpec(2, 8), 100, 20, null, time);
        time.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 20; i++)
        {
            meter.ItemCompleted();
        }

        meter.ItemFailed();
        Assert.Equal("critique [2/8]: 40/100 done (40.0%), 1 failed, 2.00 items/s, ETA 00:00:30", meter.Describe());
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>Cancels the run once <paramref name="after"/> items have been processed.</summary>
    private sealed class CancellingStage(IConstructionStage<PromptToJudge, CritiqueRecord> inner, int after, CancellationTokenSource interrupt)
        : IConstructionStage<PromptToJudge, CritiqueRecord>
    {
        private int _done;

        public string Name => inner.Name;

        public StageItem Describe(PromptToJudge input) => inner.Describe(input);

        public async Task<StageOutcome<CritiqueRecord>> ProcessAsync(PromptToJudge input, int attempt, CancellationToken cancellationToken)
        {
            var outcome = await inner.ProcessAsync(input, attempt, cancellationToken);
            if (Interlocked.Increment(ref _done) == after)
            {
                await interrupt.CancelAsync();
            }

            return outcome;
        }
    }
}
