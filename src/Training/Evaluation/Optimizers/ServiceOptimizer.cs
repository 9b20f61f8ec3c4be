using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// A running VPO service: <c>POST {baseUrl}/optimize</c> with <c>{"query": "..."}</c>, answered by
/// <c>{"prompt": "..."}</c>.
/// </summary>
public sealed class ServiceOptimizer : IPromptOptimizer, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;

    /// <summary>An optimizer that owns its own <see cref="HttpClient"/> for the service at <paramref name="baseUrl"/>.</summary>
    public ServiceOptimizer(Uri baseUrl, TimeSpan timeout)
        : this(new HttpClient { BaseAddress = WithTrailingSlash(baseUrl), Timeout = timeout }, ownsClient: true)
    {
    }

    /// <summary>An optimizer over a client whose <see cref="HttpClient.BaseAddress"/> is the service's base URL.</summary>
    public ServiceOptimizer(HttpClient http)
        : this(http, ownsClient: false)
    {
    }

    private ServiceOptimizer(HttpClient http, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the VPO service's base URL.", nameof(http));
        }

        _http = http;
        _ownsClient = ownsClient;
    }

    /// <inheritdoc />
    public string Name => "service";

    /// <inheritdoc />
    public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var response = await _http.PostAsJsonAsync("optimize", new OptimizeRequest(query), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new OptimizerException(
                $"POST {_http.BaseAddress}optimize answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(body, 300)}");
        }

        OptimizeResponse? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<OptimizeResponse>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new OptimizerException($"POST {_http.BaseAddress}optimize answered with JSON that could not be read: {ex.Message}", ex);
        }

        return answer?.Prompt
            ?? throw new OptimizerException($"POST {_http.BaseAddress}optimize answered without the field 'prompt'.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static Uri WithTrailingSlash(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "...";

    private sealed record OptimizeRequest([property: JsonPropertyName("query")] string Query);

    private sealed record OptimizeResponse([property: JsonPropertyName("prompt")] string? Prompt);
}
