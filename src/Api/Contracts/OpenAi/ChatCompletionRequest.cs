using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts.OpenAi;

/// <summary>
/// A chat completion request in the OpenAI format (<c>POST /v1/chat/completions</c>). The messages are rendered with
/// the served model's own chat template. Fields of the OpenAI API that the service cannot honour (tools, logprobs,
/// penalties, response formats) are refused when they ask for more than their default, and unknown fields are refused,
/// so a request never silently gets less than it asked for.
/// </summary>
public sealed record ChatCompletionRequest
{
    /// <summary>The served model's id, as listed by <c>GET /v1/models</c>.</summary>
    /// <example>vpo-optimizer</example>
    public string? Model { get; init; }

    /// <summary>
    /// The conversation, at least one message. Each has a <c>role</c> (<c>system</c>, <c>developer</c> (read as
    /// <c>system</c>), <c>user</c> or <c>assistant</c>) and a <c>content</c>: a string or an array of
    /// <c>{"type": "text", "text": "..."}</c> parts.
    /// </summary>
    public IReadOnlyList<ChatCompletionMessageInput?>? Messages { get; init; }

    /// <summary>Sampling temperature from 0 to 2 (default: the service's setting, 0.7); 0 is greedy decoding.</summary>
    /// <example>0.7</example>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass from 0 to 1 (default 1); 0 keeps only the most likely token (greedy).</summary>
    /// <example>1</example>
    public double? TopP { get; init; }

    /// <summary>How many choices to generate, 1 to 8 (default 1); they run as rows of one batch.</summary>
    /// <example>1</example>
    public int? N { get; init; }

    /// <summary>The most tokens to generate per choice, 1 to 2,048 (default 1,024; clamped to the context). Same as <c>max_completion_tokens</c>.</summary>
    /// <example>256</example>
    public int? MaxTokens { get; init; }

    /// <summary>The most tokens to generate per choice; wins over <c>max_tokens</c> when both are given.</summary>
    /// <example>256</example>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>
    /// Seed for sampling, 0 to 2147483647, so that a request can be repeated with the same answer. With <c>n</c> &gt; 1,
    /// choice <c>i</c> samples with seed + <c>i</c>. A seeded request runs in generators of its own.
    /// </summary>
    /// <example>42</example>
    public long? Seed { get; init; }

    /// <summary>
    /// Up to 4 strings (a string or an array) where generation stops; they are matched on the generated text, across
    /// token boundaries, and are not part of the answer.
    /// </summary>
    public JsonElement? Stop { get; init; }

    /// <summary>Whether to stream the answer as server-sent events (<c>chat.completion.chunk</c> objects, then <c>[DONE]</c>).</summary>
    /// <example>false</example>
    public bool? Stream { get; init; }

    /// <summary>Streaming options; only with <c>stream: true</c>.</summary>
    public ChatCompletionStreamOptions? StreamOptions { get; init; }

    /// <summary>Fields not listed above; accepted only where they ask for nothing the service does not do.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}

/// <summary>Streaming options of a chat completion request.</summary>
public sealed record ChatCompletionStreamOptions
{
    /// <summary>Send a last chunk, before <c>[DONE]</c>, with no choices and the request's <c>usage</c>.</summary>
    /// <example>true</example>
    public bool? IncludeUsage { get; init; }

    /// <summary>Fields not listed above (refused).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}

/// <summary>One message of the conversation.</summary>
public sealed record ChatCompletionMessageInput
{
    /// <summary><c>system</c>, <c>developer</c>, <c>user</c> or <c>assistant</c>.</summary>
    /// <example>user</example>
    public string? Role { get; init; }

    /// <summary>The message text: a string, or an array of <c>{"type": "text", "text": "..."}</c> parts (joined).</summary>
    public JsonElement? Content { get; init; }

    /// <summary>A participant name; accepted and not used (chat templates have no place for it).</summary>
    public string? Name { get; init; }

    /// <summary>Fields not listed above (refused: no tool calls here).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; init; }
}
