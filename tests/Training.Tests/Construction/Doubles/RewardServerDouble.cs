using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.Construction.Doubles;

/// <summary>
/// A reward endpoint on loopback speaking this project's checklist contract (<c>POST /checklist</c> with
/// <c>{video, questions}</c>, answering <c>{answers}</c>). It reads the video (a data URI, or a URL it fetches) and
/// lets a responder answer from the video's text and the questions; queued faults are served first.
/// </summary>
public sealed class RewardServerDouble : IAsyncDisposable
{
    private readonly Func<string, IReadOnlyList<string>, IReadOnlyList<string>> _responder;
    private readonly ConcurrentQueue<ServerFault> _faults = new();
    private readonly ConcurrentQueue<(string Video, IReadOnlyList<string> Questions)> _asked = new();
    private readonly HttpClient _fetch = new();
    private LoopbackServer? _server;

    private RewardServerDouble(Func<string, IReadOnlyList<string>, IReadOnlyList<string>> responder) => _responder = responder;

    /// <summary>The endpoint URL.</summary>
    public Uri Endpoint => new(_server!.BaseAddress, "checklist");

    /// <summary>(video text, questions) of every answered request.</summary>
    public IReadOnlyList<(string Video, IReadOnlyList<string> Questions)> Asked => [.. _asked];

    /// <summary>Starts a server; <paramref name="responder"/> gets the video's text and the questions.</summary>
    public static async Task<RewardServerDouble> StartAsync(Func<string, IReadOnlyList<string>, IReadOnlyList<string>> responder)
    {
        var double_ = new RewardServerDouble(responder);
        double_._server = await LoopbackServer.StartAsync(app => app.MapPost("/checklist", double_.HandleAsync));
        return double_;
    }

    /// <summary>Serves <paramref name="fault"/> to the next request.</summary>
    public void Fail(ServerFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _fetch.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        if (_faults.TryDequeue(out var fault))
        {
            await fault.WriteAsync(context);
            return;
        }

        var video = body["video"]!.GetValue<string>();
        var questions = body["questions"]!.AsArray().Select(q => q!.GetValue<string>()).ToList();
        var bytes = video.StartsWith("data:", StringComparison.Ordinal)
            ? Convert.FromBase64String(video[(video.IndexOf(',', StringComparison.Ordinal) + 1)..])
            : await _fetch.GetByteArrayAsync(video);
        var text = Encoding.UTF8.GetString(bytes);
        _asked.Enqueue((text, questions));
        var answers = _responder(text, questions);
        await context.Response.WriteAsync(new JsonObject { ["answers"] = new JsonArray([.. answers.Select(a => (JsonNode?)a)]) }.ToJsonString());
    }
}
