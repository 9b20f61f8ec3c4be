namespace Vpo.Inference.Prompting;

/// <summary>
/// The chat the optimizer is asked: one user turn holding the query inside the VPO instruction. No system turn: the
/// released checkpoint was trained on the user turn alone.
/// </summary>
public static class VpoChatMessages
{
    /// <summary>The messages for <paramref name="query"/>.</summary>
    public static IReadOnlyList<ChatMessage> For(string query) => [new ChatMessage(ChatRole.User, VpoInstruction.Format(query))];
}
