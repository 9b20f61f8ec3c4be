using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vpo.Inference.Http;

namespace Vpo.Inference.Video;

/// <summary>
/// <see cref="IVideoGenerator"/> over the Cog / Replicate predictions protocol. A Cog container answers the
/// <c>POST /predictions</c> synchronously (200, terminal status); Replicate answers 201 with a <c>starting</c>
/// prediction, which is polled at <c>urls.get</c> (or <c>/predictions/{id}</c>) until it succeeds, fails or is
/// canceled. A prediction still running after <see cref="CogPredictionsOptions.MaxWait"/> is canceled.
/// </summary>
public sealed class CogPredictionsClient : IVideoGenerator, IDisposable
{
    private readonly CogPredictionsOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>A client with its own resilient HTTP handler.</summary>
    public CogPredictionsClient(CogPredictionsOptions options, HttpMessageHandler? transport = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _http = ResilientHttpHandler.CreateClient(options.Http, baseUrl, transport);
        if (!string.IsNullOrWhiteSpace(options.ApiToken))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
        }
    }

    /// <inheritdoc />
    public async Task<GeneratedVideo> GenerateAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Prompt);
        var started = _time.GetTimestamp();
        var prediction = await CreateAsync(request, started, cancellationToken).ConfigureAwait(false);
        while (prediction.IsRunning)
        {
            if (_time.GetElapsedTime(started) > _options.MaxWait)
            {
                await CancelAsync(prediction).ConfigureAwait(false);
                throw new VideoGenerationException($"prediction {prediction.Id} still '{prediction.Status}' after {_options.MaxWait}; canceled.", prediction.Id);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            prediction = await GetAsync(prediction, cancellationToken).ConfigureAwait(false);
        }

        if (!prediction.IsSucceeded)
        {
            var error = prediction.Error.ValueKind switch
            {
                JsonValueKind.String => prediction.Error.GetString(),
                JsonValueKind.Undefined or JsonValueKind.Null => null,
                _ => prediction.Error.GetRawText(),
            };
            throw new VideoGenerationException(
                $"prediction {prediction.Id ?? "(no id)"} ended with status '{prediction.Status ?? "(none)"}'{(error is null ? "" : $": {error}")}", prediction.Id);
        }

        return new GeneratedVideo(ReadOutput(prediction), prediction.Id);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<Prediction> CreateAsync(VideoRequest request, long started, CancellationToken cancellationToken)
    {
        var input = _options.DefaultInput?.DeepClone().AsObject() ?? [];
        if (request.Input is not null)
        {
            foreach (var (name, value) in request.Input)
            {
                input[name] = value?.DeepClone();
            }
        }

        input[_options.PromptField] = request.Prompt;
        var body = new JsonObject { ["input"] = input };
        if (!string.IsNullOrWhiteSpace(_options.Version))
        {
            body["version"] = _options.Version;
        }

        while (true)
        {
            using var response = await _http.PostAsJsonAsync("predictions", body, cancellationToken).ConfigureAwait(false);
            // A Cog container runs one prediction at a time and answers 409 while busy: wait for it like for a poll.
            if (response.StatusCode != HttpStatusCode.Conflict || _time.GetElapsedTime(started) > _options.MaxWait)
            {
                return await ReadPredictionAsync(response, "POST predictions", null, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Prediction> GetAsync(Prediction running, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(running.Id) && string.IsNullOrWhiteSpace(running.Urls?.Get))
        {
            throw new VideoGenerationException($"a '{running.Status}' prediction came without \"id\" or \"urls.get\"; it cannot be polled.");
        }

        var url = running.Urls?.Get is { Length: > 0 } get ? get : $"predictions/{Uri.EscapeDataString(running.Id!)}";
        using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return await ReadPredictionAsync(response, $"GET {url}", running.Id, cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelAsync(Prediction running)
    {
        var url = running.Urls?.Cancel is { Length: > 0 } cancel ? cancel : running.Id is { Length: > 0 } id ? $"predictions/{Uri.EscapeDataString(id)}/cancel" : null;
        if (url is null)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await _http.PostAsync(url, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // Best effort: the prediction is reported failed either way.
        }
    }

    private static async Task<Prediction> ReadPredictionAsync(HttpResponseMessage response, string what, string? id, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new VideoGenerationException($"{what} answered {(int)response.StatusCode} {response.StatusCode}: {Shorten(text)}", id,
                new HttpRequestException(text, null, response.StatusCode));
        }

        Prediction? prediction;
        try
        {
            prediction = JsonSerializer.Deserialize<Prediction>(text);
        }
        catch (JsonException ex)
        {
            throw new VideoGenerationException($"{what} answered {(int)response.StatusCode} with a body that is not a prediction object: {Shorten(text)}", id, ex);
        }

        if (prediction?.Status is null)
        {
            throw new VideoGenerationException($"{what} answered a prediction without \"status\": {Shorten(text)}", id);
        }

        // A 202 from Cog's async mode has no way to be polled; say so rather than poll forever.
        if (response.StatusCode == HttpStatusCode.Accepted && prediction.IsRunning && prediction.Id is null && prediction.Urls?.Get is null)
        {
            throw new VideoGenerationException($"{what} started an asynchronous prediction without an id; run the Cog server synchronously.");
        }

        return prediction;
    }

    private static string ReadOutput(Prediction prediction)
    {
        var output = prediction.Output;
        var text = output.ValueKind switch
        {
            JsonValueKind.String => output.GetString(),
            // Video models that return several files (video, poster) list the video first.
            JsonValueKind.Array => output.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()).FirstOrDefault(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text) || !(IsHttpUrl(text) || text.StartsWith("data:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new VideoGenerationException(
                $"prediction {prediction.Id} succeeded but \"output\" is not a video URL or data URI (got {output.ValueKind}: {Shorten(output.ValueKind == JsonValueKind.Undefined ? "" : output.GetRawText())}).",
                prediction.Id);
        }

        return text;
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
