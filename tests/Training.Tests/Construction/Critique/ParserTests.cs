using Vpo.Training.Construction.Critique;

namespace Vpo.Training.Tests.Construction.Critique;

public sealed class ParserTests
{
    [Theory]
    [InlineData("Step-by-step verification: ok\nFinal Judgement (Yes or No): Yes", true)]
    [InlineData("Step-by-step verification: ok\nFinal Judgement (Yes or No): No", false)]
    [InlineData("Final Judgement (Yes or No): **Yes**, well aligned", true)]
    // Any "Yes" after the marker counts, even inside a negative verdict.
    [InlineData("Final Judgement (Yes or No): No, it is not. Yes means aligned.", true)]
    // As published: the check is case-sensitive, so a lower-case "yes" is a misaligned verdict.
    [InlineData("Final Judgement (Yes or No): yes", false)]
    // Only the text after the first marker up to the next one counts (Python's split(marker)[1]).
    [InlineData("Final Judgement (Yes or No): No\nFinal Judgement (Yes or No): Yes", false)]
    public void Judgement_is_read_as_the_authors_read_it(string critique, bool aligned) =>
        Assert.Equal(aligned, JudgementParser.Parse(critique));

    [Fact]
    public void A_critique_without_the_marker_has_no_verdict() =>
        Assert.Null(JudgementParser.Parse("The prompt looks aligned. Yes."));

    [Theory]
    [InlineData("Reflection: x\nFinal Refined Prompt: [[start]]  A red fox at dawn.  [[end]]", "A red fox at dawn.")]
    [InlineData("[[start]]A[[end]] and [[start]]B[[end]]", "A")]
    [InlineData("[[start]]A fox[[start]]B[[end]]", "A fox")]
    public void Bracketed_prompt_is_the_trimmed_text_between_the_markers(string answer, string prompt)
    {
        Assert.Equal(prompt, BracketedPrompt.Extract(answer, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("Final Refined Prompt: A red fox.", "markers")]
    [InlineData("[[start]]A red fox.", "markers")]
    [InlineData("[[start]]A red fox.\nIn the snow.[[end]]", "several lines")]
    [InlineData("[[start]]   [[end]]", "empty")]
    public void Refinements_without_markers_or_on_several_lines_are_dropped_with_the_reason(string answer, string reason)
    {
        Assert.Null(BracketedPrompt.Extract(answer, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
