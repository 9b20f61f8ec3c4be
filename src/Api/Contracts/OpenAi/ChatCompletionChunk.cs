using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts.OpenAi;

/// <summary>
/// One server-sent event of a streamed chat completion (<c>object: chat.completion.chunk</c>). A stream sends, per
/// choice, a first chunk with <c>delta.role</c>, chunks with <c>delta.content</c> as text is generated (a few tokens
/// may be joined) and a last chunk with <c>finish_reason</c>; then, when <c>stream_options.include_usage</c> was set,
/// a chunk with no choices and the <c>usage</c>; then <c>data: [DONE]</c>.
/// </summary>
public sealed record ChatCompletionChunk
{
    /// <summary>The completion's id, the same in every chunk of the stream.</summary>
    /// <example>chatcmpl-5f0c1b6e2a7d4c4e9b1f3a8d6c2e0b7a</example>
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion.chunk</c>.</summary>
    /// <example>chat.completion.chunk</example>
    public string Object { get; init; } = "chat.completion.chunk";

    /// <summary>When the completion was created, in Unix seconds (the same in every chunk).</summary>
    /// <example>1767225600</example>
    public required long Created { get; init; }

    /// <summary>The model that answers.</summary>
    /// <example>vpo-optimizer</example>
    public required string Model { get; init; }

    /// <summary>The choices this chunk advances (none in the usage chunk).</summary>
    public required IReadOnlyList<ChatCompletionChunkChoice> Choices { get; init; }

    /// <summary>Only in the usage chunk.</summary>
    public CompletionUsage? Usage { get; init; }
}

/// <summary>How one choice advanced.</summary>
public sealed record ChatCompletionChunkChoice
{
    /// <summary>The choice's position, from 0.</summary>
    /// <example>0</example>
    public required int Index { get; init; }

    /// <summary>What the message gained.</summary>
    public required ChatCompletionDelta Delta { get; init; }

    /// <summary><c>stop</c> or <c>length</c> in the choice's last chunk, null before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

/// <summary>A piece of the assistant's message.</summary>
public sealed record ChatCompletionDelta
{
    /// <summary><c>assistant</c> in a choice's first chunk only.</summary>
    /// <example>assistant</example>
    public string? Role { get; init; }

    /// <summary>Text appended to the message.</summary>
    /// <example> sits at a grand</example>
    public string? Content { get; init; }
}
