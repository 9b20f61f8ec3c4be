using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vpo.Inference.Http;

namespace Vpo.Training.Construction.Reward;

/// <summary>
/// Client of the reward endpoint. VisionReward-Video ships as a CogVLM2 checkpoint answered one question at a time
/// (<c>inference-video.py</c>); no HTTP server is published, so this project defines the thin contract a wrapper
/// around it serves:
/// <code>
/// POST {endpoint}   Content-Type: application/json
/// { "video": "https://.../video.mp4" | "data:video/mp4;base64,...",
///   "questions": ["Does the video meet all the requirements stated in the text \"...\"?", ... 64] }
/// 200 { "answers": ["yes", "no", ...] }   one raw answer per question, same order
/// </code>
/// 429 (with <c>Retry-After</c>), 408 and 5xx are retried; other statuses fail the item. Answers are parsed by
/// <see cref="YesNoAnswer"/>, so "Yes.", "YES" or "yes&lt;|eot_id|&gt;" are all fine.
/// </summary>
public sealed class VisionRewardClient : IVideoChecklistClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    /// <summary>A client with its own resilient HTTP handler.</summary>
    public VisionRewardClient(VisionRewardOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _endpoint = options.Endpoint;
        _http = ResilientHttpHandler.CreateClient(options.Http, null, transport);
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AskAsync(string video, IReadOnlyList<string> questions, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(video);
        ArgumentNullException.ThrowIfNull(questions);
        using var response = await _http.PostAsJsonAsync(_endpoint, new ChecklistRequest(video, questions), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"reward endpoint answered {(int)response.StatusCode} {response.StatusCode}: {Shorten(body)}", null, response.StatusCode);
        }

        ChecklistResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ChecklistResponse>(body);
        }
        catch (JsonException ex)
        {
            throw new RewardAnswerException($"reward endpoint answered a body that is not JSON ({ex.Message})", Shorten(body));
        }

        if (parsed?.Answers is null)
        {
            throw new RewardAnswerException("reward endpoint answered without an \"answers\" array", Shorten(body));
        }

        if (parsed.Answers.Count != questions.Count)
        {
            throw new RewardAnswerException($"reward endpoint gave {parsed.Answers.Count} answers for {questions.Count} questions", Shorten(body));
        }

        return parsed.Answers.Select(a => a ?? string.Empty).ToList();
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + "...";

    private sealed record ChecklistRequest(
        [property: JsonPropertyName("video")] string Video,
        [property: JsonPropertyName("questions")] IReadOnlyList<string> Questions);

    private sealed record ChecklistResponse([property: JsonPropertyName("answers")] List<string?>? Answers);
}
