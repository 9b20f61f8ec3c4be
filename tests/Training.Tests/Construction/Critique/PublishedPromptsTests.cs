using Vpo.Training.Construction.Critique;

namespace Vpo.Training.Tests.Construction.Critique;

public sealed class PublishedPromptsTests
{
    [Fact]
    public void Critique_is_the_published_one_with_curly_quotes_five_seconds_and_the_flag_rule()
    {
        Assert.Equal(2, PublishedPrompts.Critique.SlotCount);
        var text = PublishedPrompts.Critique.Format("a cat -camera zoom in", "A cat.");

        Assert.StartsWith("Please act an expert in evaluating the alignment of video prompts. The video prompt is transferred from user's short query for creating short videos (around 5 seconds).\n\n", text, StringComparison.Ordinal);
        Assert.Contains("\n5. -xxx(e.g. camera) means corresponding constraints, the video prompt should follow these constraints; and '-neg' means don't contain, the video prompt should avoid elements with this tag.\n6. The video prompt should begin directly", text, StringComparison.Ordinal);
        Assert.Contains("\n\nUser Query: “a cat -camera zoom in”\n\nVideo Prompt: “A cat.”\n\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Step-by-step verification: xxx\nFinal Judgement (Yes or No): xxx", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Refinement_and_system_prompt_are_the_published_texts()
    {
        Assert.Equal(
            "Based on your judgement, refine the video prompt while ensureing the video prompt is harmless and contains all the information in the query.\n\n" +
            "Output in the following format:\nReflection on how to refine the Prompt: xxx\nFinal Refined Prompt: [[start]] xxx [[end]]",
            PublishedPrompts.Refinement);
        Assert.Equal("You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully to provide accurate and helpful content.", PublishedPrompts.JudgeSystem);
    }

    [Fact]
    public void Few_shot_template_takes_three_examples_then_the_query()
    {
        Assert.Equal(4, PublishedPrompts.FewShotGeneration.SlotCount);
        var text = PublishedPrompts.FewShotGeneration.Format("E1", "E2", "E3", "a {} query");

        Assert.Contains("Example 1: E1\n\nExample 2: E2\n\nExample 3: E3\n\nPlease note:", text, StringComparison.Ordinal);
        Assert.Contains("Extreme horror, Bias and Sensitive topics), please modify", text, StringComparison.Ordinal);
        Assert.EndsWith("User Query: a {} query\n\noutput in the following format:\n[[start]]{your video prompt}[[end]]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Demonstrations_are_three_distinct_and_the_same_for_a_query_every_time()
    {
        var demonstrations = new Demonstrations(Enumerable.Range(0, 10).Select(i => $"prompt {i}"));

        var first = demonstrations.Pick("a dog surfing", 7);

        Assert.Equal(3, first.Distinct().Count());
        Assert.Equal(first, demonstrations.Pick("a dog surfing", 7));
        Assert.Throws<ArgumentException>(() => new Demonstrations(["one", "two", "two"]));
    }
}
