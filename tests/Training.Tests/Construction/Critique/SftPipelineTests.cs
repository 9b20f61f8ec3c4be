using System.Text.Json;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Data;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Critique;

public sealed class SftPipelineTests
{
    [Fact]
    public async Task Generate_critique_refine_and_build_give_refined_prompts_where_flagged_despite_faults()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        judge.Fail(ServerFault.TooManyRequests(retryAfterSeconds: 0));
        judge.Fail(ServerFault.ServerError);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var queries = new[] { "a cat on a skateboard", "a sloppy dog in the rain", "sunset over a harbor -ar 16:9", "a sloppy car chase at night" };
        var demonstrations = new Demonstrations(["Example prompt one.", "Example prompt two.", "Example prompt three.", "Example prompt four."]);
        var runner = TestSettings.Runner();

        var generated = StageFiles.For(folder.File("generated.jsonl"));
        await runner.RunAsync(new FewShotGenerationStage(chat, demonstrations, seed: 1), queries, generated, CancellationToken.None);
        var prompts = await JsonlReader.ReadAllAsync<GeneratedPrompt>(generated.Output, CancellationToken.None);
        var critiques = StageFiles.For(folder.File("critiques.jsonl"));
        await runner.RunAsync(new CritiqueStage(chat), prompts.Select(p => new PromptToJudge(p.Key, p.Query, p.Prompt, null)), critiques, CancellationToken.None);
        var verdicts = await JsonlReader.ReadAllAsync<CritiqueRecord>(critiques.Output, CancellationToken.None);
        var refinements = StageFiles.For(folder.File("refinements.jsonl"));
        await runner.RunAsync(new RefinementStage(chat), verdicts.Where(c => !c.Aligned), refinements, CancellationToken.None);
        var refined = await JsonlReader.ReadAllAsync<RefinementRecord>(refinements.Output, CancellationToken.None);

        var (examples, counts) = SftSetBuilder.Build(prompts, verdicts, refined);
        await FinalFile.WriteJsonlAsync(folder.File("sft.jsonl"), examples, CancellationToken.None);

        Assert.Equal(new SftSetCounts(4, 2, 2, 0, 0), counts);
        var trainable = await SftDataReader.ReadAsync(folder.File("sft.jsonl"), CancellationToken.None);
        Assert.Equal(4, trainable.Count);
        var lines = File.ReadAllLines(folder.File("sft.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(queries.Order(), lines.Select(l => l.GetProperty("query").GetString()).Order());
        Assert.All(lines, l => Assert.DoesNotContain("sloppy cinematic", l.GetProperty("prompt").GetString(), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.GetProperty("prompt").GetString() == "A precise cinematic shot of a precise dog in the rain, soft light, steady camera.");

        // The judge saw the published conversation: system prompt, temperature 0.7, and the refinement continuing the critique.
        var refinementCall = judge.Calls.First(c => c.LastUser.StartsWith("Based on your judgement", StringComparison.Ordinal));
        Assert.Equal(["system", "user", "assistant", "user"], refinementCall.Messages.Select(m => m.Role));
        Assert.Equal(PublishedPrompts.JudgeSystem, refinementCall.Messages[0].Content);
        Assert.All(judge.Calls, c => Assert.Equal(0.7, c.Temperature!.Value, 3));
    }

    [Fact]
    public async Task A_garbage_body_from_the_endpoint_fails_only_that_item_and_a_rerun_completes_it()
    {
        using var folder = new TestFolder();
        await using var judge = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        judge.Fail(ServerFault.Garbage("<html>gateway says hi</html>"));
        using var chat = LlmClientFactory.Create(TestSettings.Llm(judge.BaseUrl));
        var items = Enumerable.Range(0, 3).Select(i => new PromptToJudge(QueryKey.Of($"q{i}"), $"q{i}", $"A vivid prompt {i}.", null)).ToList();
        var files = StageFiles.For(folder.File("critiques.jsonl"));

        var first = await TestSettings.Runner(workers: 1).RunAsync(new CritiqueStage(chat), items, files, CancellationToken.None);
        var second = await TestSettings.Runner(workers: 1).RunAsync(new CritiqueStage(chat), items, files, CancellationToken.None);

        Assert.Equal((2, 1), (first.Completed, first.Failed));
        Assert.Equal((2, 1, 0), (second.AlreadyDone, second.Completed, second.Remaining));
        Assert.Single(File.ReadAllLines(files.Failures));
    }
}
