using Vpo.Training.Construction.Reward;

namespace Vpo.Training.Tests.Construction.Reward;

public sealed class RewardTests
{
    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes.", true)]
    [InlineData("yes,", true)]
    [InlineData("YES", true)]
    [InlineData("  \n yes", true)]
    [InlineData("**Yes**", true)]
    [InlineData("\"Yes\"", true)]
    [InlineData("yes<|eot_id|>", true)]
    [InlineData("<|begin_of_text|>Yes", true)]
    [InlineData("Answer: yes", true)]
    [InlineData("No.", false)]
    [InlineData("no", false)]
    [InlineData("NO, the lighting is off", false)]
    [InlineData("</s>no", false)]
    public void Yes_and_no_are_read_whatever_their_case_punctuation_or_markup(string answer, bool yes) =>
        Assert.Equal(yes, YesNoAnswer.Parse(answer));

    [Theory]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("yesterday")]
    [InlineData("I cannot tell")]
    public void Answers_that_are_neither_are_not_guessed(string answer) => Assert.Null(YesNoAnswer.Parse(answer));

    [Fact]
    public void The_shipped_checklist_pairs_64_questions_with_the_published_weights()
    {
        var checklist = VisionRewardChecklist.Default;

        Assert.Equal(64, checklist.Questions.Count);
        Assert.Equal(64, checklist.Weights.Count);
        Assert.Equal(6.2772, checklist.Weights.Sum(), 3);
        Assert.Equal("Does the video meet all the requirements stated in the text \"a cat -ar 16:9\"?", checklist.QuestionsFor("a cat -ar 16:9")[0]);
        Assert.Equal("Does the video content contain no extremely harmful material?", checklist.Questions[63]);
        Assert.Equal(0.9543901856422174 + 1.141818673357406, checklist.Score([.. Enumerable.Range(0, 64).Select(i => i is 0 or 3)]), 12);
    }

    [Fact]
    public void Strict_dominance_needs_no_worse_answer_and_one_better()
    {
        bool[] best = [true, true, false];
        Assert.True(ChecklistDominance.StrictlyDominates(best, [true, false, false]));
        Assert.False(ChecklistDominance.StrictlyDominates(best, best));
        Assert.False(ChecklistDominance.StrictlyDominates(best, [false, false, true]));
    }
}
