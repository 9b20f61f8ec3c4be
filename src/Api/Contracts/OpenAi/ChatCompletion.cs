using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts.OpenAi;

/// <summary>A chat completion in the OpenAI format (<c>object: chat.completion</c>).</summary>
public sealed record ChatCompletion
{
    /// <summary>The completion's id.</summary>
    /// <example>chatcmpl-5f0c1b6e2a7d4c4e9b1f3a8d6c2e0b7a</example>
    public required string Id { get; init; }

    /// <summary>Always <c>chat.completion</c>.</summary>
    /// <example>chat.completion</example>
    public string Object { get; init; } = "chat.completion";

    /// <summary>When the completion was created, in Unix seconds.</summary>
    /// <example>1767225600</example>
    public required long Created { get; init; }

    /// <summary>The model that answered.</summary>
    /// <example>vpo-optimizer</example>
    public required string Model { get; init; }

    /// <summary>One choice per <c>n</c>, in order.</summary>
    public required IReadOnlyList<ChatCompletionChoice> Choices { get; init; }

    /// <summary>Tokens of the request: the prompt once, the completions of all choices.</summary>
    public required CompletionUsage Usage { get; init; }
}

/// <summary>One generated answer.</summary>
public sealed record ChatCompletionChoice
{
    /// <summary>The choice's position, from 0.</summary>
    /// <example>0</example>
    public required int Index { get; init; }

    /// <summary>The assistant's message.</summary>
    public required ChatCompletionMessage Message { get; init; }

    /// <summary><c>stop</c> (end of turn or a stop string) or <c>length</c> (token budget or context used up).</summary>
    /// <example>stop</example>
    public required string FinishReason { get; init; }

    /// <summary>Always null: log probabilities are not offered.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs { get; init; }
}

/// <summary>The assistant's message of a choice.</summary>
public sealed record ChatCompletionMessage
{
    /// <summary>Always <c>assistant</c>.</summary>
    /// <example>assistant</example>
    public string Role { get; init; } = "assistant";

    /// <summary>The generated text (stop string excluded).</summary>
    /// <example>A ginger cat sits at a grand piano in a sunlit living room.</example>
    public required string Content { get; init; }
}

/// <summary>Token counts in the OpenAI format.</summary>
public sealed record CompletionUsage
{
    /// <summary>Tokens of the templated prompt.</summary>
    /// <example>42</example>
    public required int PromptTokens { get; init; }

    /// <summary>Tokens generated, all choices together.</summary>
    /// <example>96</example>
    public required int CompletionTokens { get; init; }

    /// <summary>Prompt plus completion tokens.</summary>
    /// <example>138</example>
    public required int TotalTokens { get; init; }
}
