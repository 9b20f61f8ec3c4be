using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.Construction.Doubles;

/// <summary>One chat-completions request as the double received it.</summary>
/// <param name="Model">The <c>model</c> field.</param>
/// <param name="Messages">(role, content) of every message.</param>
/// <param name="Temperature">The <c>temperature</c> field.</param>
/// <param name="TopP">The <c>top_p</c> field.</param>
public sealed record ChatCall(string? Model, IReadOnlyList<(string Role, string Content)> Messages, double? Temperature, double? TopP)
{
    /// <summary>The last user message.</summary>
    public string LastUser => Messages.Last(m => m.Role == "user").Content;
}

/// <summary>
/// An OpenAI chat-completions server on loopback (<c>POST /v1/chat/completions</c>, the real JSON shapes). Answers
/// come from a responder; queued faults (429 with Retry-After, 500, hangs, garbage) are served first.
/// </summary>
public sealed class OpenAiChatServerDouble : IAsyncDisposable
{
    private readonly Func<ChatCall, string> _responder;
    private readonly ConcurrentQueue<ServerFault> _faults = new();
    private readonly ConcurrentQueue<ChatCall> _calls = new();
    private LoopbackServer? _server;
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;

    private OpenAiChatServerDouble(Func<ChatCall, string> responder) => _responder = responder;

    /// <summary>The base URL clients use (<c>.../v1</c>).</summary>
    public Uri BaseUrl => new(_server!.BaseAddress, "v1");

    /// <summary>Every request that got a normal answer.</summary>
    public IReadOnlyList<ChatCall> Calls => [.. _calls];

    /// <summary>Every HTTP request, faults included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>How long each normal answer takes.</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Starts a server answering with <paramref name="responder"/>.</summary>
    public static async Task<OpenAiChatServerDouble> StartAsync(Func<ChatCall, string> responder)
    {
        var server = new OpenAiChatServerDouble(responder);
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", server.HandleAsync));
        return server;
    }

    /// <summary>Serves <paramref name="fault"/> to the next request (faults queue in order).</summary>
    public void Fail(ServerFault fault, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            if (_faults.TryDequeue(out var fault))
            {
                await fault.WriteAsync(context);
                return;
            }

            var call = Parse(body!);
            if (AnswerDelay > TimeSpan.Zero)
            {
                await Task.Delay(AnswerDelay, context.RequestAborted);
            }

            var answer = _responder(call);
            _calls.Enqueue(call);
            var response = new JsonObject
            {
                ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = call.Model ?? "double",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its attempt timed out).
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static ChatCall Parse(JsonNode body)
    {
        var messages = new List<(string, string)>();
        foreach (var message in body["messages"]!.AsArray())
        {
            var content = message!["content"];
            var text = content is JsonArray parts
                ? string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? string.Empty))
                : content?.GetValue<string>() ?? string.Empty;
            messages.Add((message["role"]!.GetValue<string>(), text));
        }

        return new ChatCall(body["model"]?.GetValue<string>(), messages, Number(body["temperature"]), Number(body["top_p"]));
    }

    private static double? Number(JsonNode? node) => node is null ? null : node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : null;
}
