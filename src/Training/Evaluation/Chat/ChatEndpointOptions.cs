using System.ComponentModel.DataAnnotations;
using Vpo.Inference.Http;
using Vpo.Training.Construction.Llm;

namespace Vpo.Training.Evaluation.Chat;

/// <summary>
/// An OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, a gateway). The base URL includes the
/// version segment (<c>https://host/v1</c>); requests go to <c>{BaseUrl}/chat/completions</c>.
/// </summary>
public sealed record ChatEndpointOptions
{
    /// <summary>Environment variable read for <see cref="BaseUrl"/> when none is given.</summary>
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>Environment variable read for <see cref="ApiKey"/> when none is given.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The endpoint's base URL, e.g. <c>http://127.0.0.1:8000/v1</c>.</summary>
    [Required]
    public required Uri BaseUrl { get; init; }

    /// <summary>The API key; local servers often need none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>How long one request may take, retries aside.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a request that failed with 429, 5xx or a timeout (the client backs off exponentially).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// The endpoint's settings for one of its models, for <see cref="LlmClientFactory"/>: the timeout bounds each
    /// attempt and the retries go through the resilient handler (jittered back-off honouring <c>Retry-After</c>).
    /// </summary>
    public LlmOptions ForModel(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new LlmOptions
        {
            BaseUrl = BaseUrl,
            Model = model,
            ApiKey = ApiKey,
            Http = new ResilientHttpOptions { AttemptTimeout = Timeout, MaxRetries = MaxRetries },
        };
    }

    /// <summary>
    /// Options from explicit values, falling back to <c>OPENAI_BASE_URL</c> / <c>OPENAI_API_KEY</c>;
    /// null when no base URL is known.
    /// </summary>
    /// <exception cref="ValidationException">The base URL is not an absolute http(s) URL.</exception>
    public static ChatEndpointOptions? FromValuesOrEnvironment(string? baseUrl, string? apiKey)
    {
        var url = string.IsNullOrWhiteSpace(baseUrl) ? Environment.GetEnvironmentVariable(BaseUrlVariable) : baseUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ValidationException($"The chat endpoint base URL '{url}' is not an absolute http(s) URL (--base-url or {BaseUrlVariable}).");
        }

        var key = string.IsNullOrWhiteSpace(apiKey) ? Environment.GetEnvironmentVariable(ApiKeyVariable) : apiKey;
        var options = new ChatEndpointOptions { BaseUrl = uri, ApiKey = string.IsNullOrWhiteSpace(key) ? null : key };
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
