using Vpo.Inference.Streaming;

namespace Vpo.Inference.Tests.Streaming;

public sealed class StopStringsTests
{
    [Theory]
    [InlineData("a cat END here", new[] { "END" }, 0, 6)]
    [InlineData("a cat END here", new[] { "here", "cat" }, 0, 2)]
    [InlineData("a cat", new[] { "dog" }, 0, -1)]
    [InlineData("xxENDxxEND", new[] { "END" }, 0, 2)]
    // Only matches the newest text can complete: "END" at 2 ended before the search point 6.
    [InlineData("xxENDxxEND", new[] { "END" }, 6, 7)]
    // A stop string completed by the newest text although it began before it.
    [InlineData("abcdEN|D", new[] { "EN|D" }, 7, 4)]
    public void The_earliest_stop_string_is_found(string text, string[] stops, int searchFrom, int expected)
    {
        Assert.Equal(expected, StopStrings.FindFirst(text, stops, searchFrom));
    }

    [Theory]
    [InlineData("a cat E", new[] { "END" }, 1)]
    [InlineData("a cat EN", new[] { "END" }, 2)]
    [InlineData("a cat ENd", new[] { "END" }, 0)]
    [InlineData("a cat\n", new[] { "\n\n", "cat\n\n" }, 4)]
    [InlineData("", new[] { "END" }, 0)]
    [InlineData("<|eo", new[] { "<|eot_id|>", "</s>" }, 4)]
    public void A_possible_start_of_a_stop_string_is_held_back(string text, string[] stops, int expected)
    {
        Assert.Equal(expected, StopStrings.HeldBack(text, stops));
    }
}
