using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Inference.Prompting;

/// <summary>
/// The one door through which text from clients enters a chat template: the messages are serialized as the JSON array
/// ONNX Runtime GenAI's <c>Tokenizer.ApplyChatTemplate</c> renders, with every message's content passed through the
/// <see cref="SpecialTokenGuard"/> so that no client text becomes a special token. Optimizer queries and chat
/// messages both come through here.
/// </summary>
public static class ChatTemplateInput
{
    /// <summary>The messages JSON for <paramref name="messages"/>, special-token spellings broken.</summary>
    public static string Serialize(IEnumerable<ChatMessage> messages, SpecialTokenGuard guard)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(guard);
        ChatMessage[] guarded = [.. messages.Select(message => message with { Content = guard.Neutralize(message.Content) })];
        return JsonSerializer.Serialize(guarded, ChatMessageJson.Default.ChatMessageArray);
    }
}

[JsonSerializable(typeof(ChatMessage[]))]
internal sealed partial class ChatMessageJson : JsonSerializerContext;
