using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Vpo.Inference.Http;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// The configured backends by name, each with its own resilient HTTP client (retries, timeouts, concurrency limit,
/// circuit breaker) and its health. Names compare case-insensitively.
/// </summary>
public sealed class VideoBackendRegistry : IDisposable
{
    private readonly Dictionary<string, RegisteredBackend> _backends = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HttpClient> _clients = [];

    /// <summary>Builds a client and backend for every entry of <c>Videos:Backends</c>.</summary>
    public VideoBackendRegistry(IOptions<VideosOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var settings in options.Value.Backends)
        {
            var health = new BackendHealth(settings.Http.CircuitBreaker is not null, time);
            var baseUrl = settings.BaseUrl!.AbsoluteUri.EndsWith('/') ? settings.BaseUrl : new Uri(settings.BaseUrl.AbsoluteUri + "/");
            var transport = new BackendCallRecorder(health, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            var http = ResilientHttpHandler.CreateClient(settings.Http, baseUrl, transport, health.Circuit);
            if (!string.IsNullOrWhiteSpace(settings.ApiKey))
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            }

            _clients.Add(http);
            IVideoBackend backend = settings.Protocol switch
            {
                VideoBackendProtocol.OpenAiVideos => new OpenAiVideosBackend(settings, http),
                _ => new CogPredictionsBackend(settings, http),
            };
            _backends[settings.Name] = new RegisteredBackend(backend, settings, health);
        }
    }

    /// <summary>The backends in configuration order.</summary>
    public IReadOnlyList<RegisteredBackend> All => [.. _backends.Values];

    /// <summary>The backend named <paramref name="name"/>, if configured.</summary>
    public RegisteredBackend? Find(string name) => _backends.GetValueOrDefault(name);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}

/// <summary>A configured backend with its settings and health.</summary>
/// <param name="Backend">The protocol client.</param>
/// <param name="Options">Its configuration (the API key included: never serialize this).</param>
/// <param name="Health">Its circuit state and last call.</param>
public sealed record RegisteredBackend(IVideoBackend Backend, VideoBackendOptions Options, BackendHealth Health);
