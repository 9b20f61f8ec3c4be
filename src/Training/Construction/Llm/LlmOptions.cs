using System.ComponentModel.DataAnnotations;
using Vpo.Inference.Http;

namespace Vpo.Training.Construction.Llm;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, a gateway) and how to treat it. The base
/// URL includes the version segment (<c>http://host:8000/v1</c>); requests go to <c>{BaseUrl}/chat/completions</c>.
/// </summary>
public sealed record LlmOptions
{
    /// <summary>Environment variable read for <see cref="BaseUrl"/> when the command line gives none.</summary>
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>Environment variable read for <see cref="ApiKey"/> when the command line gives none.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Environment variable read for <see cref="Model"/> when the command line gives none.</summary>
    public const string ModelVariable = "OPENAI_MODEL";

    /// <summary>The endpoint's base URL.</summary>
    [Required]
    public required Uri BaseUrl { get; init; }

    /// <summary>The model name sent with every request (e.g. <c>gpt-4o</c>).</summary>
    [Required(AllowEmptyStrings = false)]
    public required string Model { get; init; }

    /// <summary>The API key; local servers often need none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Retries, back-off, concurrency and rate limits of the HTTP client.</summary>
    public ResilientHttpOptions Http { get; init; } = new();

    /// <summary>
    /// Options from explicit values, falling back to <c>OPENAI_BASE_URL</c>, <c>OPENAI_API_KEY</c> and
    /// <c>OPENAI_MODEL</c>.
    /// </summary>
    /// <exception cref="ValidationException">No base URL or model is known, or a value is out of range.</exception>
    public static LlmOptions FromValuesOrEnvironment(string? baseUrl, string? model, string? apiKey, ResilientHttpOptions http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var url = Pick(baseUrl, BaseUrlVariable)
            ?? throw new ValidationException($"No LLM endpoint: give --llm-url or set {BaseUrlVariable} (e.g. http://127.0.0.1:8000/v1).");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ValidationException($"The LLM endpoint '{url}' is not an absolute http(s) URL (--llm-url or {BaseUrlVariable}).");
        }

        var name = Pick(model, ModelVariable)
            ?? throw new ValidationException($"No LLM model: give --llm-model or set {ModelVariable} (e.g. gpt-4o).");
        var options = new LlmOptions { BaseUrl = uri, Model = name, ApiKey = Pick(apiKey, ApiKeyVariable), Http = http };
        options.Validate();
        return options;
    }

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        Http.Validate();
    }

    private static string? Pick(string? value, string variable)
    {
        var text = string.IsNullOrWhiteSpace(value) ? Environment.GetEnvironmentVariable(variable) : value;
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
