using System.Text.Json;
using Vpo.Training.Tests.Construction;
using Vpo.Training.Tests.Construction.Checking;
using Vpo.Training.Tests.Construction.Doubles;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class DataCommandTests
{
    [Fact]
    public async Task Curate_writes_the_kept_queries_and_a_report_with_counts_per_filter()
    {
        using var folder = new TestFolder();
        var input = folder.File("queries.json");
        await File.WriteAllTextAsync(input, JsonSerializer.Serialize(new[] { "a cat on a skateboard", "cat --ar 16:9", "a cat on a skateboard!", "a sunset over the harbor" }), TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await VpoTrainInvocation.RunAsync("data", "curate", "--queries", input, "--output", folder.File("curated.jsonl"));

        Assert.Equal(0, exitCode);
        Assert.Equal(2, File.ReadAllLines(folder.File("curated.jsonl")).Length);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(folder.File("curated.report.json"), TestContext.Current.CancellationToken));
        Assert.Equal(1, report.RootElement.GetProperty("rules")[0].GetProperty("removed").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("diversity").GetProperty("removed").GetInt32());
        Assert.Contains("self-bleu", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Augment_sft_writes_the_pairs_and_their_variants_in_the_format_sft_reads()
    {
        using var folder = new TestFolder();
        var input = folder.File("seed.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"query": "a tiger in snow", "prompt": "A tiger walks through deep snow.", "safety": false, "category": "general"}""",
            """{"query": "tiger at night", "prompt": "A tiger prowls through the snow at night."}""",
            """{"query": "a lantern by the river", "prompt": "A paper lantern floats down the river."}""",
            """{"query": "lantern on a river", "prompt": "A lantern drifts on a dark river."}""",
        ], TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await VpoTrainInvocation.RunAsync("data", "augment-sft", "--input", input, "--output", folder.File("augmented.jsonl"), "--copies", "2");

        Assert.Equal(0, exitCode);
        var pairs = await Vpo.Training.Data.SftDataReader.ReadAsync(folder.File("augmented.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(12, pairs.Count);
        var originals = pairs.Take(4).Select(p => p.Query).ToHashSet();
        Assert.Equal(["a tiger in snow", "tiger at night", "a lantern by the river", "lantern on a river"], originals);
        Assert.All(pairs.Skip(4), variant => Assert.DoesNotContain(variant.Query, originals));
        Assert.Contains("4 pairs + 8 variants", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Augment_sft_with_drop_unsafe_leaves_out_pairs_whose_prompt_names_an_unsafe_term()
    {
        using var folder = new TestFolder();
        var input = folder.File("seed.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"query": "spiderman on a roof", "prompt": "Spiderman sits on a roof at night."}""",
            """{"query": "spiderman in the rain", "prompt": "A masked hero in a red suit stands in the rain."}""",
            """{"query": "a tiger in snow", "prompt": "A tiger walks through deep snow."}""",
        ], TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await VpoTrainInvocation.RunAsync("data", "augment-sft", "--input", input, "--output", folder.File("augmented.jsonl"), "--drop-unsafe");

        Assert.Equal(0, exitCode);
        var pairs = await Vpo.Training.Data.SftDataReader.ReadAsync(folder.File("augmented.jsonl"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain(pairs, pair => pair.Prompt.Contains("Spiderman", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(pairs, pair => pair.Query == "spiderman in the rain");
        Assert.Contains("augment-sft: 2 pairs + ", output, StringComparison.Ordinal);
        Assert.Contains("1 pairs left out", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Augment_sft_refuses_a_bad_share_naming_the_option()
    {
        using var folder = new TestFolder();

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("data", "augment-sft", "--input", folder.File("seed.jsonl"), "--output", folder.File("o.jsonl"), "--share", "1.5");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--share", error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("o.jsonl")));
    }

    [Fact]
    public async Task Check_sft_summarises_the_set_and_writes_each_pairs_verdict()
    {
        using var folder = new TestFolder();
        var input = folder.File("seed.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            JsonSerializer.Serialize(new { query = "a red fox leaping across a frozen lake at dawn", prompt = SftSetCheckerTests.FaithfulPrompt }),
            JsonSerializer.Serialize(new { query = "a red fox leaping across a frozen lake at dawn", prompt = SftSetCheckerTests.UnrelatedPrompt }),
        ], TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await VpoTrainInvocation.RunAsync("data", "check-sft", "--input", input, "--output", folder.File("checks.jsonl"));

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("check-sft: 2 pairs, 1 pass every check; failing: Imprecise 1, IntroPhrase 1", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:2 coverage", output, StringComparison.Ordinal);
        var verdicts = File.ReadAllLines(folder.File("checks.jsonl")).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(0, verdicts[0].GetProperty("failures").GetArrayLength());
        Assert.Equal("imprecise", verdicts[1].GetProperty("failures")[0].GetString());
    }

    [Fact]
    public async Task Critique_runs_against_an_openai_compatible_endpoint_and_resumes()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        var prompts = folder.File("generated.jsonl");
        await File.WriteAllLinesAsync(prompts,
        [
            "{\"key\":\"k1\",\"query\":\"cli: a fox\",\"prompt\":\"A vivid fox.\",\"examples\":[0,1,2]}",
            "{\"key\":\"k2\",\"query\":\"cli: a owl\",\"prompt\":\"A sloppy owl.\",\"examples\":[0,1,2]}",
        ], TestContext.Current.CancellationToken);
        string[] args = ["data", "critique", "--prompts", prompts, "--output", folder.File("critiques.jsonl"), "--llm-url", judge.BaseUrl.AbsoluteUri, "--llm-model", "judge", "--retry-delay", "0.01"];

        var first = await VpoTrainInvocation.RunAsync(args);
        var second = await VpoTrainInvocation.RunAsync(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2/2 done (2 this run", first.Output, StringComparison.Ordinal);
        Assert.Contains("2/2 done (0 this run, 2 before)", second.Output, StringComparison.Ordinal);
        Assert.Equal(2, judge.Calls.Count);
    }

    [Fact]
    public async Task A_bad_shard_is_refused_before_any_request()
    {
        using var folder = new TestFolder();
        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("data", "label-safety", "--queries", folder.File("q.jsonl"), "--output", folder.File("o.jsonl"),
            "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m", "--shard", "9/8");

        Assert.Equal(1, exitCode);
        Assert.Contains("--shard must be i/N", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_endpoint_names_the_option_and_the_environment_variable()
    {
        using var folder = new TestFolder();
        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("data", "refine", "--critiques", folder.File("c.jsonl"), "--output", folder.File("o.jsonl"), "--llm-url", "not a url", "--llm-model", "m");

        Assert.Equal(1, exitCode);
        Assert.Contains("--llm-url or OPENAI_BASE_URL", error, StringComparison.Ordinal);
    }
}
