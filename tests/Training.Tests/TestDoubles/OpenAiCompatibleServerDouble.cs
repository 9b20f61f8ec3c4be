using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.TestDoubles;

/// <summary>One chat-completions request as the double received it.</summary>
/// <param name="Model">The "model" field.</param>
/// <param name="Temperature">The "temperature" field, if sent.</param>
/// <param name="Messages">The messages as (role, text); array-of-parts contents are joined.</param>
public sealed record ChatCompletionCall(string Model, double? Temperature, IReadOnlyList<(string Role, string Content)> Messages)
{
    /// <summary>The last user message.</summary>
    public string LastUserMessage => Messages.Last(m => m.Role == "user").Content;
}

/// <summary>What the double answers: a completion text, or an error status (optionally with Retry-After), or a raw body.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="Content">The assistant's text for a 200.</param>
/// <param name="RetryAfterSeconds">Sent as Retry-After when set.</param>
/// <param name="RawBody">Sent as is instead of a completion (garbage answers).</param>
public sealed record ChatReply(int StatusCode, string? Content, int? RetryAfterSeconds = null, string? RawBody = null)
{
    /// <summary>A 200 with this assistant text.</summary>
    public static ChatReply Text(string content) => new(200, content);

    /// <summary>An error status.</summary>
    public static ChatReply Status(int statusCode, int? retryAfterSeconds = null) => new(statusCode, null, retryAfterSeconds);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a free port) that speaks OpenAI's chat-completions JSON at
/// <c>/v1/chat/completions</c>. A test decides each answer through a function of the request, and reads back
/// every request it received.
/// </summary>
public sealed class OpenAiCompatibleServerDouble : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChatCompletionCall> _calls = new();
    private LoopbackServer? _server;

    private OpenAiCompatibleServerDouble()
    {
    }

    /// <summary>The base URL to give a client, including <c>/v1</c>.</summary>
    public Uri BaseUrl => new(_server!.BaseAddress, "v1");

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<ChatCompletionCall> Calls => _calls.ToList();

    /// <summary>Starts the server; <paramref name="respond"/> decides each answer.</summary>
    public static async Task<OpenAiCompatibleServerDouble> StartAsync(Func<ChatCompletionCall, ChatReply> respond)
    {
        var server = new OpenAiCompatibleServerDouble();
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var call = await ReadCallAsync(context.Request).ConfigureAwait(false);
            server._calls.Enqueue(call);
            var reply = respond(call);
            context.Response.StatusCode = reply.StatusCode;
            if (reply.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            var body = reply.RawBody
                ?? (reply.StatusCode == 200 ? Completion(call.Model, reply.Content ?? string.Empty) : ErrorBody(reply.StatusCode));
            await context.Response.WriteAsync(body).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return server;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static async Task<ChatCompletionCall> ReadCallAsync(HttpRequest request)
    {
        using var document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        var root = document.RootElement;
        var messages = new List<(string, string)>();
        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            var content = message.GetProperty("content");
            var text = content.ValueKind == JsonValueKind.String
                ? content.GetString()!
                : string.Concat(content.EnumerateArray().Select(part => part.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
            messages.Add((message.GetProperty("role").GetString()!, text));
        }

        double? temperature = root.TryGetProperty("temperature", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
        return new ChatCompletionCall(root.GetProperty("model").GetString()!, temperature, messages);
    }

    private static string Completion(string model, string content) => new JsonObject
    {
        ["id"] = "chatcmpl-double",
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
    }.ToJsonString();

    private static string ErrorBody(int status) => new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = $"test double answered {status}", ["type"] = "server_error" },
    }.ToJsonString();
}
