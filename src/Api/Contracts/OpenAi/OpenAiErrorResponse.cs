using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts.OpenAi;

/// <summary>An error in the OpenAI format, which OpenAI clients turn into exceptions carrying the status and message.</summary>
public sealed record OpenAiErrorResponse
{
    /// <summary>What went wrong.</summary>
    public required OpenAiError Error { get; init; }
}

/// <summary>The error object of <see cref="OpenAiErrorResponse"/>.</summary>
public sealed record OpenAiError
{
    /// <summary>What is wrong and what is expected.</summary>
    /// <example>'temperature' must be from 0 to 2; got 2.5.</example>
    public required string Message { get; init; }

    /// <summary><c>invalid_request_error</c> for bad requests and unknown models, <c>server_error</c> when the service is busy or failed.</summary>
    /// <example>invalid_request_error</example>
    public required string Type { get; init; }

    /// <summary>The request field at fault (JSON path), or null.</summary>
    /// <example>temperature</example>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    /// <summary>A machine-readable code (<c>model_not_found</c>, <c>invalid_value</c>, <c>invalid_json</c>, ...), or null.</summary>
    /// <example>invalid_value</example>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
