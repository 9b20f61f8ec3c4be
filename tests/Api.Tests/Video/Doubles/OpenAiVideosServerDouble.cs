using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Api.Tests.Video.Doubles;

/// <summary>
/// OpenAI's Videos API on loopback (<c>/v1/videos</c>): a multipart <c>POST</c> creates a video object
/// (<c>queued</c>), <c>GET /v1/videos/{id}</c> reports it <c>in_progress</c> for <see cref="PollsBeforeDone"/> polls and
/// then <c>completed</c> (or <c>failed</c>), <c>GET /v1/videos/{id}/content</c> serves the MP4 bytes
/// (<c>VIDEO:</c> + the prompt), <c>DELETE</c> removes it. A POST whose <c>Idempotency-Key</c> was seen answers the
/// same video. Requests without <c>Authorization: Bearer {ApiKey}</c> get 401. Faults queued with <see cref="Fail"/>
/// are served to the next POST or GET of a video instead.
/// </summary>
public sealed class OpenAiVideosServerDouble : IAsyncDisposable
{
    private readonly ConcurrentQueue<ServerFault> _faults = new();
    private readonly ConcurrentDictionary<string, Video> _videos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _deleted = new();
    private readonly Lock _gate = new();
    private LoopbackServer? _server;
    private int _creations;
    private int _posts;
    private int _polls;

    /// <summary>The key clients must send.</summary>
    public string ApiKey { get; set; } = "sk-test-secret";

    /// <summary>Polls answered <c>in_progress</c> before a video completes.</summary>
    public int PollsBeforeDone { get; set; } = 2;

    /// <summary>When true, videos stay <c>in_progress</c> until <see cref="Hold"/> is set false.</summary>
    public bool Hold { get; set; }

    /// <summary>Videos (by their form fields) that end <c>failed</c>.</summary>
    public Func<IReadOnlyDictionary<string, string>, bool> Fails { get; set; } = _ => false;

    /// <summary>How long a POST waits after creating the video before it answers (a slow backend mid-submission).</summary>
    public TimeSpan CreateAnswerDelay { get; set; }

    /// <summary>Videos created (a POST with a seen <c>Idempotency-Key</c> does not count).</summary>
    public int Creations => Volatile.Read(ref _creations);

    /// <summary>POST requests received, faults and refusals included.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary><c>GET /v1/videos/{id}</c> requests (status polls) received, faults included.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>The form fields of every created video.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Forms => [.. _videos.Values.OrderBy(video => video.Number).Select(video => video.Form)];

    /// <summary>Ids deleted.</summary>
    public IReadOnlyList<string> Deleted => [.. _deleted];

    /// <summary>The server's API root (<c>.../v1/</c>).</summary>
    public Uri BaseUrl => new(_server!.BaseAddress, "v1/");

    /// <summary>The bytes of the video the double makes for <paramref name="prompt"/>.</summary>
    public static byte[] VideoFor(string prompt) => Encoding.UTF8.GetBytes("VIDEO:" + prompt);

    /// <summary>Starts the server.</summary>
    public static async Task<OpenAiVideosServerDouble> StartAsync()
    {
        var server = new OpenAiVideosServerDouble();
        server._server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                if (HttpMethods.IsPost(context.Request.Method))
                {
                    Interlocked.Increment(ref server._posts);
                }

                if (context.Request.Headers.Authorization.ToString() != "Bearer " + server.ApiKey)
                {
                    context.Response.StatusCode = 401;
                    await context.Response.WriteAsync("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
                    return;
                }

                await next(context);
            });
            app.MapPost("/v1/videos", server.CreateAsync);
            app.MapGet("/v1/videos/{id}", server.GetAsync);
            app.MapGet("/v1/videos/{id}/content", (string id) => server._videos.TryGetValue(id, out var video) && video.Status == "completed"
                ? Results.Bytes(VideoFor(video.Form["prompt"]), "video/mp4")
                : Results.NotFound());
            app.MapDelete("/v1/videos/{id}", (string id) =>
            {
                server._deleted.Enqueue(id);
                return server._videos.TryRemove(id, out _) ? Results.Json(new { id, @object = "video.deleted", deleted = true }) : Results.NotFound();
            });
        });
        return server;
    }

    /// <summary>Serves <paramref name="faults"/>, in order, to the next POST or GET requests.</summary>
    public void Fail(params ServerFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task CreateAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (_faults.TryDequeue(out var fault))
        {
            await fault.WriteAsync(context);
            return;
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        Video video;
        lock (_gate)
        {
            if (key.Length > 0 && _byKey.TryGetValue(key, out var existing) && _videos.TryGetValue(existing, out var seen))
            {
                video = seen;
            }
            else
            {
                var number = Interlocked.Increment(ref _creations);
                video = new Video("video_" + number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), number,
                    form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal));
                _videos[video.Id] = video;
                if (key.Length > 0)
                {
                    _byKey[key] = video.Id;
                }
            }
        }

        if (CreateAnswerDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(CreateAnswerDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await context.Response.WriteAsync(Describe(video).ToJsonString());
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        Interlocked.Increment(ref _polls);
        if (_faults.TryDequeue(out var fault))
        {
            await fault.WriteAsync(context);
            return;
        }

        if (!_videos.TryGetValue(id, out var video))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("{\"error\":{\"message\":\"Video not found\"}}");
            return;
        }

        if (video.Status is "queued" or "in_progress" && !Hold)
        {
            video.Polls++;
            video.Status = video.Polls <= PollsBeforeDone ? "in_progress"
                : Fails(video.Form) ? "failed" : "completed";
        }

        await context.Response.WriteAsync(Describe(video).ToJsonString());
    }

    private JsonObject Describe(Video video) => new()
    {
        ["id"] = video.Id,
        ["object"] = "video",
        ["model"] = video.Form.GetValueOrDefault("model", "sora-2"),
        ["status"] = video.Status,
        ["progress"] = video.Status == "completed" ? 100 : 0,
        ["created_at"] = 1764347090,
        ["seconds"] = video.Form.GetValueOrDefault("seconds", "4"),
        ["size"] = video.Form.GetValueOrDefault("size", "720x1280"),
        ["error"] = video.Status == "failed" ? new JsonObject { ["code"] = "moderation_blocked", ["message"] = "The prompt was blocked." } : null,
    };

    private sealed class Video(string id, int number, IReadOnlyDictionary<string, string> form)
    {
        public string Id { get; } = id;

        public int Number { get; } = number;

        public IReadOnlyDictionary<string, string> Form { get; } = form;

        public string Status { get; set; } = "queued";

        public int Polls { get; set; }
    }
}
