namespace Vpo.Api.Contracts;

/// <summary>Token counts.</summary>
public sealed record TokenUsage
{
    /// <summary>Tokens in the templated prompts (instruction and chat template included).</summary>
    /// <example>212</example>
    public required int PromptTokens { get; init; }

    /// <summary>Tokens generated.</summary>
    /// <example>96</example>
    public required int CompletionTokens { get; init; }
}
