using Vpo.Training.Construction.Llm;
using Vpo.Training.Evaluation.Chat;
using Vpo.Training.Evaluation.Optimizers;
using Vpo.Training.Tests.TestDoubles;

namespace Vpo.Training.Tests.Evaluation.Optimizers;

public sealed class FewShotChatOptimizerTests
{
    [Fact]
    public async Task Sends_figure_7_with_three_examples_and_the_query_and_returns_the_text_between_the_markers()
    {
        await using var server = await OpenAiCompatibleServerDouble.StartAsync(_ =>
            ChatReply.Text("Sure! [[start]] A red fox trots through fresh snow at dawn. [[end]] Hope this helps."));
        using var chat = LlmClientFactory.Create(new ChatEndpointOptions { BaseUrl = server.BaseUrl, MaxRetries = 0 }.ForModel("gpt-4o"));
        var optimizer = new FewShotChatOptimizer(chat, "gpt-4o", FewShotDemonstrations.Default, seed: 7);

        var prompt = await optimizer.OptimizeAsync("red fox in snow -ar 16:9", TestContext.Current.CancellationToken);

        Assert.Equal("A red fox trots through fresh snow at dawn.", prompt);
        var call = Assert.Single(server.Calls);
        Assert.Equal("gpt-4o", call.Model);
        Assert.Equal(0.7, call.Temperature!.Value, 3);
        var message = call.LastUserMessage;
        Assert.StartsWith("In this task, you need to transfer user's short query to a long and detailed English prompt", message, StringComparison.Ordinal);
        Assert.Contains("User Query: red fox in snow -ar 16:9\n\noutput in the following format:\n[[start]]{your video prompt}[[end]]", message, StringComparison.Ordinal);
        Assert.Contains("6. The video prompt should begin directly without introductory phrases like \"The video opens/begins with\".", message, StringComparison.Ordinal);
        var examples = FewShotDemonstrations.Default.Pick("red fox in snow -ar 16:9", 7);
        Assert.Contains($"Example 1: {examples[0]}\n\nExample 2: {examples[1]}\n\nExample 3: {examples[2]}\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_without_markers_is_returned_whole_so_a_refusal_stays_visible()
    {
        Assert.Equal("I'm sorry, I can't help with that.", FewShotChatOptimizer.ExtractPrompt("  I'm sorry, I can't help with that.\n"));
        Assert.Equal("A fox.", FewShotChatOptimizer.ExtractPrompt("[[start]]A fox."));
    }

    [Fact]
    public void Examples_are_three_distinct_demonstrations_and_the_same_for_the_same_query_and_seed()
    {
        var first = FewShotDemonstrations.Default.Pick("a cat", 1);

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, FewShotDemonstrations.Default.Pick("a cat", 1));
        var picks = Enumerable.Range(0, 20).Select(seed => string.Join("|", FewShotDemonstrations.Default.Pick("a cat", seed))).Distinct().Count();
        Assert.True(picks > 1, "different seeds should draw different examples");
    }

    [Fact]
    public void A_demonstrations_file_with_fewer_than_three_prompts_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            FewShotDemonstrations.Load(new MemoryStream("[\"one\", \"two\"]"u8.ToArray()), "demos.json"));

        Assert.Contains("demos.json", error.Message, StringComparison.Ordinal);
    }
}
