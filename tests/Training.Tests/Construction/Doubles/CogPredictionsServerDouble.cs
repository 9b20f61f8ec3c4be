using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.Construction.Doubles;

/// <summary>
/// A video model behind the Cog / Replicate predictions protocol on loopback. <see cref="Asynchronous"/> false
/// behaves like a Cog container (POST /predictions answers 200 with the finished prediction and the video as a
/// data URI); true behaves like Replicate (201 with a <c>starting</c> prediction and <c>urls.get</c>, polled at
/// GET /predictions/{id} through <see cref="PollsBeforeDone"/> <c>processing</c> answers, the video served at a URL).
/// The "video" is the bytes of <c>VIDEO:</c> + the prompt, so later stages can tell which prompt made it.
/// </summary>
public sealed class CogPredictionsServerDouble : IAsyncDisposable
{
    private readonly ConcurrentQueue<ServerFault> _createFaults = new();
    private readonly ConcurrentDictionary<string, (string Prompt, int Polls)> _predictions = new();
    private readonly ConcurrentQueue<JsonObject> _inputs = new();
    private readonly ConcurrentBag<string> _canceled = [];
    private LoopbackServer? _server;
    private int _creates;

    /// <summary>Replicate-style asynchronous predictions (true) or Cog-style synchronous ones (false).</summary>
    public bool Asynchronous { get; set; }

    /// <summary>How many polls answer <c>processing</c> before the prediction succeeds (async mode).</summary>
    public int PollsBeforeDone { get; set; } = 2;

    /// <summary>Prompts whose prediction fails (status <c>failed</c> with an error).</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    /// <summary>Predictions that never finish (async mode), to test the wait limit.</summary>
    public Func<string, bool> NeverFinishes { get; set; } = _ => false;

    /// <summary>The server root.</summary>
    public Uri BaseUrl => _server!.BaseAddress;

    /// <summary>Every accepted <c>input</c> object.</summary>
    public IReadOnlyList<JsonObject> Inputs => [.. _inputs];

    /// <summary>Ids of canceled predictions.</summary>
    public IReadOnlyCollection<string> Canceled => _canceled;

    /// <summary>POST /predictions requests, faults included.</summary>
    public int Creates => Volatile.Read(ref _creates);

    /// <summary>The bytes of the video the double makes for <paramref name="prompt"/>.</summary>
    public static byte[] VideoFor(string prompt) => Encoding.UTF8.GetBytes("VIDEO:" + prompt);

    /// <summary>Starts the server.</summary>
    public static async Task<CogPredictionsServerDouble> StartAsync()
    {
        var double_ = new CogPredictionsServerDouble();
        double_._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/predictions", double_.CreateAsync);
            app.MapGet("/predictions/{id}", double_.GetAsync);
            app.MapPost("/predictions/{id}/cancel", (string id) =>
            {
                double_._canceled.Add(id);
                return Results.Json(new { id, status = "canceled" });
            });
            app.MapGet("/files/{id}.mp4", (string id) => double_._predictions.TryGetValue(id, out var p)
                ? Results.Bytes(VideoFor(p.Prompt), "video/mp4")
                : Results.NotFound());
        });
        return double_;
    }

    /// <summary>Serves <paramref name="fault"/> to the next POST /predictions.</summary>
    public void FailCreate(ServerFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _createFaults.Enqueue(fault);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task CreateAsync(HttpContext context)
    {
        Interlocked.Increment(ref _creates);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if (_createFaults.TryDequeue(out var fault))
        {
            await fault.WriteAsync(context);
            return;
        }

        var input = body["input"]!.AsObject();
        _inputs.Enqueue((JsonObject)input.DeepClone());
        var prompt = input["prompt"]!.GetValue<string>();
        var id = Guid.NewGuid().ToString("N")[..12];
        _predictions[id] = (prompt, 0);
        if (Asynchronous)
        {
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync(Prediction(id, "starting", null, null).ToJsonString());
            return;
        }

        var done = Fails(prompt)
            ? Prediction(id, "failed", null, "CUDA out of memory")
            : Prediction(id, "succeeded", "data:video/mp4;base64," + Convert.ToBase64String(VideoFor(prompt)), null);
        await context.Response.WriteAsync(done.ToJsonString());
    }

    private async Task GetAsync(HttpContext context, string id)
    {
        if (!_predictions.TryGetValue(id, out var prediction))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var polls = prediction.Polls + 1;
        _predictions[id] = (prediction.Prompt, polls);
        var answer = NeverFinishes(prediction.Prompt) || polls <= PollsBeforeDone
            ? Prediction(id, "processing", null, null)
            : Fails(prediction.Prompt)
                ? Prediction(id, "failed", null, "CUDA out of memory")
                : Prediction(id, "succeeded", new Uri(BaseUrl, $"files/{id}.mp4").AbsoluteUri, null);
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private JsonObject Prediction(string id, string status, string? output, string? error) => new()
    {
        ["id"] = id,
        ["status"] = status,
        ["output"] = output is null ? null : Asynchronous ? new JsonArray(output) : output,
        ["error"] = error,
        ["logs"] = "",
        ["urls"] = new JsonObject
        {
            ["get"] = new Uri(BaseUrl, $"predictions/{id}").AbsoluteUri,
            ["cancel"] = new Uri(BaseUrl, $"predictions/{id}/cancel").AbsoluteUri,
        },
    };
}
