using Vpo.Inference.Generation;

namespace Vpo.Inference.Tests.Generation;

public sealed class AnswerTextTests
{
    [Theory]
    [InlineData("  A cat plays piano.  ", "A cat plays piano.")]
    [InlineData("\n\nA cat plays piano.\n\nHere is why this prompt works: ...", "A cat plays piano.")]
    [InlineData("A cat plays piano\nin a sunlit room.", "A cat plays piano in a sunlit room.")]
    [InlineData("A cat plays piano.<|eot_id|>trailing", "A cat plays piano.")]
    [InlineData("A cat plays piano.</s>", "A cat plays piano.")]
    [InlineData("\r\n  \r\n", "")]
    public void The_answer_is_one_trimmed_paragraph(string generated, string expected)
    {
        Assert.Equal(expected, AnswerText.ToSingleParagraph(generated));
    }
}
