using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Inference.Prompting;

/// <summary>
/// The chat the optimizer is asked: one user turn holding the query inside the VPO instruction, serialized as the
/// <c>messages</c> JSON that a model's chat template renders (ONNX Runtime GenAI's <c>Tokenizer.ApplyChatTemplate</c>).
/// No system turn: the released checkpoint was trained on the user turn alone.
/// </summary>
public static class VpoChatMessages
{
    /// <summary>The messages JSON for <paramref name="query"/>.</summary>
    public static string ForQuery(string query) =>
        JsonSerializer.Serialize([new ChatTurn("user", VpoInstruction.Format(query))], ChatTurnJson.Default.ChatTurnArray);
}

/// <summary>One chat turn in the shape chat templates read.</summary>
internal sealed record ChatTurn(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

[JsonSerializable(typeof(ChatTurn[]))]
internal sealed partial class ChatTurnJson : JsonSerializerContext;
