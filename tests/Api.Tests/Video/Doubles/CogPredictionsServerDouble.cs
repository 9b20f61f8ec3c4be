using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Api.Tests.Video.Doubles;

/// <summary>
/// A Cog container on loopback, as the Cog HTTP API documents it: <c>PUT /predictions/{id}</c> runs a prediction
/// synchronously and answers when it ends; a second PUT with the id of a running prediction attaches to it instead of
/// starting another; a PUT while every slot is busy with another prediction answers 409; finished predictions are
/// forgotten; <c>POST /predictions/{id}/cancel</c> cancels. The "video" is the bytes of <c>VIDEO:</c> + the prompt,
/// returned as a data URI. Faults queued with <see cref="Fail"/> are served to the next PUTs instead.
/// </summary>
public sealed class CogPredictionsServerDouble : IAsyncDisposable
{
    private readonly ConcurrentQueue<ServerFault> _faults = new();
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _inputs = new();
    private readonly ConcurrentQueue<string> _cancelled = new();
    private readonly ConcurrentQueue<DateTimeOffset> _requestTimes = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private int _creations;
    private int _requests;

    /// <summary>Faults served to every PUT while set (a backend that is down).</summary>
    public ServerFault? FailAlways { get; set; }

    /// <summary>How long a prediction renders.</summary>
    public TimeSpan RenderTime { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>When true, predictions render until <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Predictions run at once before a PUT for another id gets 409.</summary>
    public int Slots { get; set; } = 4;

    /// <summary>Prompts whose prediction fails.</summary>
    public Func<string, bool> Fails { get; set; } = _ => false;

    /// <summary>The server root.</summary>
    public Uri BaseUrl => _server!.BaseAddress;

    /// <summary>Predictions started (a PUT that attached to a running one does not count).</summary>
    public int Creations => Volatile.Read(ref _creations);

    /// <summary>PUT requests received, faults included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The <c>input</c> of every started prediction.</summary>
    public IReadOnlyList<JsonObject> Inputs => [.. _inputs];

    /// <summary>Ids passed to the cancel endpoint.</summary>
    public IReadOnlyList<string> Cancelled => [.. _cancelled];

    /// <summary>When each PUT arrived.</summary>
    public IReadOnlyList<DateTimeOffset> RequestTimes => [.. _requestTimes];

    /// <summary>The bytes of the video the double makes for <paramref name="prompt"/>.</summary>
    public static byte[] VideoFor(string prompt) => Encoding.UTF8.GetBytes("VIDEO:" + prompt);

    /// <summary>Starts the server.</summary>
    public static async Task<CogPredictionsServerDouble> StartAsync()
    {
        var server = new CogPredictionsServerDouble();
        server._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPut("/predictions/{id}", server.PredictAsync);
            app.MapPost("/predictions/{id}/cancel", (string id) =>
            {
                server._cancelled.Enqueue(id);
                if (!server._running.TryGetValue(id, out var running))
                {
                    return Results.NotFound();
                }

                running.Done.TrySetResult("canceled");
                server._running.TryRemove(id, out _);
                return Results.Json(new { id, status = "canceled" });
            });
        });
        return server;
    }

    /// <summary>Serves <paramref name="faults"/>, in order, to the next PUTs.</summary>
    public void Fail(params ServerFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>Lets held predictions finish.</summary>
    public void Release()
    {
        lock (_gate)
        {
            Hold = false;
            _release.TrySetResult();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task PredictAsync(HttpContext context, string id)
    {
        Interlocked.Increment(ref _requests);
        _requestTimes.Enqueue(DateTimeOffset.UtcNow);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        if ((FailAlways ?? (_faults.TryDequeue(out var next) ? next : null)) is { } fault)
        {
            await fault.WriteAsync(context);
            return;
        }

        Running? running;
        lock (_gate)
        {
            if (!_running.TryGetValue(id, out running))
            {
                if (_running.Count >= Slots)
                {
                    context.Response.StatusCode = 409;
                    return;
                }

                var input = body["input"]!.AsObject();
                running = new Running(input["prompt"]!.GetValue<string>());
                _running[id] = running;
                _inputs.Enqueue((JsonObject)input.DeepClone());
                Interlocked.Increment(ref _creations);
                _ = RenderAsync(id, running, Hold ? _release.Task : Task.CompletedTask);
            }
        }

        string status;
        try
        {
            status = await running.Done.Task.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away; the prediction runs on, as in Cog.
            return;
        }

        var answer = new JsonObject { ["id"] = id, ["status"] = status, ["logs"] = "" };
        if (status == "succeeded")
        {
            answer["output"] = "data:video/mp4;base64," + Convert.ToBase64String(VideoFor(running.Prompt));
        }
        else if (status == "failed")
        {
            answer["error"] = "CUDA out of memory";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private async Task RenderAsync(string id, Running running, Task held)
    {
        await held;
        await Task.Delay(RenderTime);
        running.Done.TrySetResult(Fails(running.Prompt) ? "failed" : "succeeded");
        // Cog forgets a prediction once it has ended.
        _running.TryRemove(id, out _);
    }

    private sealed record Running(string Prompt)
    {
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
