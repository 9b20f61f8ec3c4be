using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// A Cog container (what the community CogVideoX packages and most open video models ship as) over the Cog HTTP API.
/// A video is one synchronous, idempotent <c>PUT /predictions/{id}</c> with the job's own id: Cog's documented way to
/// retry safely, since a second PUT with the same id while the prediction runs attaches to it instead of starting
/// another. So a retry after a timeout or a dropped connection, and a resumed job after a restart, re-attach to the
/// one prediction. Cog has no status endpoint (its asynchronous mode reports through webhooks only), so "polling"
/// is that same PUT; a <c>409</c> (every prediction slot busy) leaves the job waiting. Cancel is
/// <c>POST /predictions/{id}/cancel</c>. The output is a <c>data:</c> URI or, with an upload URL, an http(s) URL.
/// </summary>
public sealed class CogPredictionsBackend : IVideoBackend
{
    private readonly VideoBackendOptions _options;
    private readonly HttpClient _http;

    /// <summary>A backend over <paramref name="http"/> (the backend's resilient client, based at its URL).</summary>
    public CogPredictionsBackend(VideoBackendOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public VideoBackendProtocol Protocol => VideoBackendProtocol.CogPredictions;

    private int Attempts => _options.Http.MaxRetries + 1;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Check(VideoParameters parameters) => new Dictionary<string, string>();

    /// <inheritdoc />
    public JsonObject Fields(VideoParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new JsonObject { ["input"] = Input(parameters) };
    }

    /// <inheritdoc />
    public string? BackendJobIdFor(string submissionId) => submissionId;

    /// <inheritdoc />
    public async Task<BackendJobState> SubmitAsync(VideoParameters parameters, string submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(submissionId);
        var path = $"predictions/{Uri.EscapeDataString(submissionId)}";
        using var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = JsonContent.Create(new JsonObject { ["id"] = submissionId, ["input"] = Input(parameters) }),
        };
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            // Every prediction slot is busy with other predictions: nothing was started; ask again after a poll interval.
            return new BackendJobState(submissionId, BackendJobStatus.Running);
        }

        var prediction = await BackendCalls.ReadJsonAsync(response, Name, $"PUT /{path}", Attempts, cancellationToken).ConfigureAwait(false);
        return Read(prediction, submissionId, $"PUT /{path}");
    }

    /// <inheritdoc />
    public Task<BackendJobState> PollAsync(VideoParameters parameters, string submissionId, string backendJobId, CancellationToken cancellationToken) =>
        // The same idempotent PUT: it attaches to the running prediction and answers when it ends.
        SubmitAsync(parameters, backendJobId, cancellationToken);

    /// <inheritdoc />
    public async Task CancelAsync(string backendJobId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"predictions/{Uri.EscapeDataString(backendJobId)}/cancel");
        using var response = await BackendCalls.SendAsync(_http, request, Name, Attempts, cancellationToken).ConfigureAwait(false);
        // 404: the prediction already ended (Cog forgets finished predictions); nothing left to cancel.
    }

    /// <inheritdoc />
    public async Task<long> SaveAsync(BackendJobState finished, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        if (finished.Output is null)
        {
            throw new VideoBackendException($"backend '{Name}': prediction {finished.BackendJobId} succeeded without an output.");
        }

        try
        {
            // Not disposed: the downloader borrows the backend's client.
#pragma warning disable CA2000
            var downloader = new VideoDownloader(_http);
#pragma warning restore CA2000
            return await downloader.SaveAsync(finished.Output, path, cancellationToken).ConfigureAwait(false);
        }
        catch (VideoGenerationException exception)
        {
            throw new VideoBackendException($"backend '{Name}': {exception.Message}", transient: false, exception);
        }
    }

    private JsonObject Input(VideoParameters parameters)
    {
        var input = new JsonObject();
        foreach (var (name, text) in _options.DefaultInput)
        {
            input[name] = Literal(text);
        }

        Set(input, "prompt", parameters.Prompt);
        Set(input, "negative_prompt", parameters.NegativePrompt);
        Set(input, "aspect_ratio", parameters.AspectRatio);
        Set(input, "fps", parameters.Fps);
        Set(input, "seed", parameters.Seed);
        Set(input, "guidance_scale", parameters.GuidanceScale);
        Set(input, "num_frames", parameters.NumFrames);
        Set(input, "seconds", parameters.Seconds);
        return input;
    }

    private void Set<T>(JsonObject input, string setting, T? value)
    {
        if (value is null)
        {
            return;
        }

        var name = _options.InputNames.TryGetValue(setting, out var renamed) ? renamed : setting;
        if (!string.IsNullOrWhiteSpace(name))
        {
            input[name] = JsonValue.Create(value);
        }
    }

    private static JsonNode? Literal(string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return bool.TryParse(text, out var flag) ? flag : text;
    }

    private BackendJobState Read(JsonElement prediction, string id, string what)
    {
        var status = BackendCalls.String(prediction, "status");
        var state = status switch
        {
            "starting" or "processing" => BackendJobStatus.Running,
            "succeeded" => BackendJobStatus.Succeeded,
            "failed" => BackendJobStatus.Failed,
            "canceled" or "cancelled" or "aborted" => BackendJobStatus.Cancelled,
            _ => throw new VideoBackendException(
                $"backend '{Name}': {what} answered a prediction with status '{status ?? "(none)"}'; expected starting, processing, succeeded, failed or canceled.",
                transient: true),
        };
        string? output = null;
        if (state == BackendJobStatus.Succeeded)
        {
            output = Output(prediction) ?? throw new VideoBackendException(
                $"backend '{Name}': prediction {id} succeeded but \"output\" is not a video URL or data URI.");
        }

        return new BackendJobState(id, state, output, BackendCalls.Error(prediction, "error"));
    }

    private static string? Output(JsonElement prediction)
    {
        if (!prediction.TryGetProperty("output", out var output))
        {
            return null;
        }

        var text = output.ValueKind switch
        {
            JsonValueKind.String => output.GetString(),
            // Models that return several files (video, poster) list the video first.
            JsonValueKind.Array => output.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()).FirstOrDefault(),
            _ => null,
        };
        return text is not null && (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ||
            text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ? text
            : null;
    }
}
