using System.Text.Json.Serialization;

namespace Vpo.Inference.Prompting;

/// <summary>One turn of a chat, in the shape chat templates read (<c>{"role": ..., "content": ...}</c>).</summary>
/// <param name="Role">Who speaks: <see cref="ChatRole.System"/>, <see cref="ChatRole.User"/> or <see cref="ChatRole.Assistant"/>.</param>
/// <param name="Content">What was said, as plain text.</param>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string Content);

/// <summary>The roles a chat template renders.</summary>
public static class ChatRole
{
    /// <summary>Instructions that frame the conversation.</summary>
    public const string System = "system";

    /// <summary>The person asking.</summary>
    public const string User = "user";

    /// <summary>The model's earlier answers.</summary>
    public const string Assistant = "assistant";

    /// <summary>The roles the service accepts, in the spelling templates expect.</summary>
    public static IReadOnlyList<string> All { get; } = [System, User, Assistant];
}
