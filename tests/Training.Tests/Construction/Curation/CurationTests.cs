using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Tests.Construction.Doubles;
using Vpo.Training.Tests.Tokenization;

namespace Vpo.Training.Tests.Construction.Curation;

public sealed class CurationTests
{
    [Fact]
    public void Every_removed_query_is_counted_once_under_the_step_that_removed_it()
    {
        string[] queries =
        [
            "a cat on a skateboard",
            "cat --ar 16:9",
            "see https://example.org for the scene please",
            "(((UE5:1.3))), [[[girl:1.9]]], {{{x}}} ### @@@ ***",
            "a cat on a skateboard!",
            "a sunset over the harbor with fishing boats",
        ];

        var (kept, report) = QueryCurator.Curate(queries, new CurationSettings());

        Assert.Equal(["a cat on a skateboard", "a sunset over the harbor with fishing boats"], kept);
        Assert.Equal([1, 1, 1], report.Rules.Select(r => r.Removed));
        Assert.Equal(1, report.Diversity.Removed);
        Assert.Equal(queries.Length, report.Kept + report.Rules.Sum(r => r.Removed) + report.Diversity.Removed);
        Assert.Equal("cat --ar 16:9", report.Rules[0].Examples.Single().Query);
    }

    [Fact]
    public void Curating_real_queries_is_fast_and_keeps_most_of_an_already_curated_release()
    {
        var slice = VpoQueries.All.Take(5000).ToList();

        var (kept, report) = QueryCurator.Curate(slice, new CurationSettings());

        Assert.InRange(kept.Count, 4500, 4990);
        Assert.True(report.Seconds["total"] < 30, $"5,000 queries took {report.Seconds["total"]} s");
    }

    [Fact]
    public async Task Safety_labels_come_from_the_judge_and_split_sets_carry_the_share()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        judge.Fail(ServerFault.Garbage("{\"choices\": 42}"));
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var queries = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? $"a knight covered in blood, scene {i}" : $"a calm lake at dawn, scene {i}").ToList();
        var files = StageFiles.For(folder.File("labels.jsonl"));

        await TestSettings.Runner().RunAsync(new SafetyLabelStage(chat, new JudgeEveryQuery()), queries, files, CancellationToken.None);
        var rerun = await TestSettings.Runner().RunAsync(new SafetyLabelStage(chat, new JudgeEveryQuery()), queries, files, CancellationToken.None);
        var labels = await JsonlReader.ReadAllAsync<QueryRecord>(files.Output, CancellationToken.None);

        Assert.Equal(0, rerun.Remaining);
        Assert.Equal(40, labels.Count);
        Assert.All(labels, l => Assert.Equal(l.Query.Contains("blood", StringComparison.Ordinal), l.Unsafe));
        var (sft, dpo, counts) = QuerySplitter.Split(labels, 16, 16, 0.25, seed: 3);
        Assert.Equal((16, 4, 16, 4), (counts.Sft, counts.SftUnsafe, counts.Dpo, counts.DpoUnsafe));
        Assert.Equal(4, sft.Count(q => q.Unsafe == true));
        Assert.Empty(sft.Select(q => q.Query).Intersect(dpo.Select(q => q.Query)));
        Assert.Equal(sft.Select(q => q.Query), QuerySplitter.Split(labels, 16, 16, 0.25, seed: 3).Sft.Select(q => q.Query));
    }

    [Fact]
    public void A_short_supply_of_unsafe_queries_is_shared_between_the_sets()
    {
        var labelled = Enumerable.Range(0, 100).Select(i => QueryRecord.Of($"q{i}", i < 6)).ToList();

        var (_, _, counts) = QuerySplitter.Split(labelled, 40, 40, 0.25, seed: 1);

        Assert.Equal((40, 3, 40, 3), (counts.Sft, counts.SftUnsafe, counts.Dpo, counts.DpoUnsafe));
    }

    [Fact]
    public async Task The_lexicon_screen_sends_only_flagged_queries_to_the_judge()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        string[] queries = ["screen: a knight covered in blood after the battle", "screen: a calm lake at dawn with mist"];
        var files = StageFiles.For(folder.File("labels.jsonl"));

        await TestSettings.Runner().RunAsync(new SafetyLabelStage(chat, new LexiconScreen()), queries, files, CancellationToken.None);
        var labels = await JsonlReader.ReadAllAsync<QueryRecord>(files.Output, CancellationToken.None);

        var call = Assert.Single(judge.Calls);
        Assert.Contains("blood", call.LastUser, StringComparison.Ordinal);
        Assert.Equal([true, false], queries.Select(q => labels.Single(l => l.Query == q).Unsafe!.Value));
    }
}
