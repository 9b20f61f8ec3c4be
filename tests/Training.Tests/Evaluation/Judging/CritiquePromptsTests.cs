using Vpo.Training.Evaluation.Judging;

namespace Vpo.Training.Tests.Evaluation.Judging;

public sealed class CritiquePromptsTests
{
    [Fact]
    public void The_refinement_instruction_is_figure_8s()
    {
        Assert.StartsWith("Based on your judgement, refine the video prompt while ensuring the video prompt is harmless", CritiquePrompts.Refinement, StringComparison.Ordinal);
        Assert.EndsWith("Final Refined Prompt: [[start]] xxx [[end]]", CritiquePrompts.Refinement, StringComparison.Ordinal);
        Assert.Equal(2, CritiquePrompts.Critique.SlotCount);
    }

    [Theory]
    [InlineData("Reflection: add the moon.\nFinal Refined Prompt: [[start]] A fox under the moon. [[end]]", "A fox under the moon.")]
    [InlineData("Final Refined Prompt: [[start]] A fox.\nUnder the moon. [[end]]", null)]
    [InlineData("Final Refined Prompt: A fox under the moon.", null)]
    [InlineData("Final Refined Prompt: [[start]] A fox under the moon.", null)]
    public void Refined_prompts_are_parsed_as_published(string answer, string? expected)
    {
        Assert.Equal(expected, CritiquePrompts.ParseRefinedPrompt(answer));
    }
}
