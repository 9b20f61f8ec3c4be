using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// OpenAI's Videos API (Sora) and servers that copy it: <c>POST /videos</c> (multipart: <c>model</c>, <c>prompt</c>,
/// <c>seconds</c>, <c>size</c>) answers a video object (<c>id</c>, <c>status</c>: queued, in_progress, completed,
/// failed); <c>GET /videos/{id}</c> polls it; <c>GET /videos/{id}/content</c> downloads the MP4;
/// <c>DELETE /videos/{id}</c> removes it (the API has no separate cancel). The submission carries the job's id as
/// <c>Idempotency-Key</c>, so a retried or resumed submission is the same video on servers that honour the header.
/// The API has no negative prompt, seed, fps or guidance: those settings are not sent.
/// </summary>
public sealed class OpenAiVideosBackend : IVideoBackend
{
    /// <summary>Sora's sizes per aspect ratio.</summary>
    public static IReadOnlyDictionary<string, string> DefaultSizes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["16:9"] = "1280x720",
        ["9:16"] = "720x1280",
        ["7:4"] = "1792x1024",
        ["4:7"] = "1024x1792",
    };

    /// <summary>Sora's clip lengths, in seconds.</summary>
    public static IReadOnlyList<int> DefaultSeconds { get; } = [4, 8, 12];

    private readonly VideoBackendOptions _options;
    private readonly HttpClient _http;
    private readonly IReadOnlyDictionary<string, string> _sizes;
    private readonly IReadOnlyList<int> _seconds;

    /// <summary>A backend over <paramref name="http"/> (the backend's resilient client, based at its <c>/v1</c> URL).</summary>
    public OpenAiVideosBackend(VideoBackendOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http;
        _sizes = options.Sizes.Count > 0 ? options.SizesByRatio() : DefaultSizes;
        _seconds = options.Seconds is { Length: > 0 } seconds ? seconds : DefaultSeconds;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public VideoBackendProtocol Protocol => VideoBackendProtocol.OpenAiVideos;

    private string Model => string.IsNullOrWhiteSpace(_options.Model) ? "sora-2" : _options.Model;

    private int Attempts => _options.Http.MaxRetries + 1;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Check(VideoParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parameters.AspectRatio is { } ratio && !_sizes.ContainsKey(ratio))
        {
            errors["aspect_ratio"] = $"backend '{Name}' renders the aspect ratios {string.Join(", ", _sizes.Keys)}; got '{ratio}'.";
        }

        if (parameters.Seconds is { } seconds && !_seconds.Contains(seconds))
        {
            errors["seconds"] = $"backend '{Name}' renders clips of {string.Join(", ", _seconds)} seconds; got {seconds}.";
        }

        return errors;
    }

    /// <inheritdoc />
    public JsonObject Fields(VideoParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var fields = new JsonObject { ["model"] = Model, ["prompt"] = parameters.Prompt };
        if (parameters.Seconds is { } seconds)
        {
            // The API takes the length as a string ("4", "8", "12").
            fields["seconds"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (parameters.AspectRatio is { } ratio && _sizes.TryGetValue(ratio, out var size))
        {
            fields["size"] = size;
        }

        return fields;
    }

    /// <inheritdoc />
    public string? BackendJobIdFor(string submissionId) => null;

    /// <inheritdoc />
    public async Task<BackendJobState> SubmitAsync(VideoParameters parameters, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fields(parameters))
        {
            form.Add(new StringContent(value!.GetValue<string>()), name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "videos") { Content = form };
        request.Headers.Add("Idempotency-Key", submissionId);
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
        var video = await BackendCalls.ReadJsonAsync(response, Name, "POST /videos", Attempts, cancellationToken).ConfigureAwait(false);
        var id = BackendCalls.String(video, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new VideoBackendException($"backend '{Name}': POST /videos answered a video without \"id\": {BackendCalls.Shorten(video.GetRawText())}", transient: true);
        }

        return Read(video, id, "POST /videos");
    }

    /// <inheritdoc />
    public async Task<BackendJobState> PollAsync(VideoParameters parameters, string submissionId, string backendJobId, CancellationToken cancellationToken)
    {
        var path = $"videos/{Uri.EscapeDataString(backendJobId)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
        var video = await BackendCalls.ReadJsonAsync(response, Name, $"GET /{path}", Attempts, cancellationToken).ConfigureAwait(false);
        return Read(video, backendJobId, $"GET /{path}");
    }

    /// <inheritdoc />
    public async Task CancelAsync(string backendJobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"videos/{Uri.EscapeDataString(backendJobId)}");
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> SaveAsync(BackendJobState finished, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var what = $"GET /videos/{finished.BackendJobId}/content";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"videos/{Uri.EscapeDataString(finished.BackendJobId)}/content");
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw BackendCalls.StatusError(response.StatusCode, body, Name, what, Attempts);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var partial = path + ".partial";
        try
        {
            await using (var file = File.Create(partial))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        catch (HttpRequestException exception)
        {
            throw new VideoBackendException($"backend '{Name}': {what} broke off: {exception.Message}", transient: true, exception);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private BackendJobState Read(JsonElement video, string id, string what)
    {
        var status = BackendCalls.String(video, "status");
        var state = status switch
        {
            "queued" or "in_progress" => BackendJobStatus.Running,
            "completed" => BackendJobStatus.Succeeded,
            "failed" => BackendJobStatus.Failed,
            "cancelled" or "canceled" => BackendJobStatus.Cancelled,
            _ => throw new VideoBackendException(
                $"backend '{Name}': {what} answered a video with status '{status ?? "(none)"}'; expected queued, in_progress, completed or failed.",
                transient: true),
        };
        return new BackendJobState(id, state, null, BackendCalls.Error(video, "error"));
    }
}
