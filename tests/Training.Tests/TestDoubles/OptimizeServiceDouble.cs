using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.TestDoubles;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the VPO service's contract: <c>POST /optimize</c> with
/// <c>{"query": ...}</c>, answered by <c>{"prompt": ...}</c>, or by whatever status and body the test chooses.
/// </summary>
public sealed class OptimizeServiceDouble : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _queries = new();
    private LoopbackServer? _server;

    private OptimizeServiceDouble()
    {
    }

    /// <summary>The service's base URL.</summary>
    public Uri BaseUrl => _server!.BaseAddress;

    /// <summary>The queries received.</summary>
    public IReadOnlyList<string> Queries => _queries.ToList();

    /// <summary>Starts the server; <paramref name="respond"/> maps a query to (status, raw JSON body).</summary>
    public static async Task<OptimizeServiceDouble> StartAsync(Func<string, (int Status, string Body)> respond)
    {
        var server = new OptimizeServiceDouble();
        server._server = await LoopbackServer.StartAsync(app => app.MapPost("/optimize", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            var query = document.RootElement.GetProperty("query").GetString()!;
            server._queries.Enqueue(query);
            var (status, body) = respond(query);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return server;
    }

    /// <summary>A 200 answer carrying <paramref name="prompt"/>.</summary>
    public static (int, string) Prompt(string prompt) => (200, JsonSerializer.Serialize(new { prompt }));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
