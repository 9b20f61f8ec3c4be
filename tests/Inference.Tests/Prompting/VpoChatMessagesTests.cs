using Vpo.Inference.Prompting;

namespace Vpo.Inference.Tests.Prompting;

public sealed class VpoChatMessagesTests
{
    [Fact]
    public void The_chat_is_one_user_turn_holding_the_instruction_with_the_raw_query()
    {
        const string Query = "a dog \"jumping\" -ar 16:9\nover a fence";

        var turn = Assert.Single(VpoChatMessages.For(Query));

        Assert.Equal(ChatRole.User, turn.Role);
        Assert.Equal(VpoInstruction.Format(Query), turn.Content);
        Assert.Contains("User Query:" + Query + "\n\nVideo Prompt:", turn.Content, StringComparison.Ordinal);
    }
}
