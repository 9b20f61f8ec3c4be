using System.Text.Json;
using Vpo.Inference.Prompting;

namespace Vpo.Inference.Tests.Prompting;

public sealed class VpoChatMessagesTests
{
    [Fact]
    public void The_chat_is_one_user_turn_holding_the_instruction_with_the_raw_query()
    {
        const string Query = "a dog \"jumping\" -ar 16:9\nover a fence";

        using var messages = JsonDocument.Parse(VpoChatMessages.ForQuery(Query));

        var turn = Assert.Single(messages.RootElement.EnumerateArray());
        Assert.Equal("user", turn.GetProperty("role").GetString());
        var content = turn.GetProperty("content").GetString();
        Assert.Equal(VpoInstruction.Format(Query), content);
        Assert.Contains("User Query:" + Query + "\n\nVideo Prompt:", content, StringComparison.Ordinal);
    }
}
