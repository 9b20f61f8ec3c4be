using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vpo.Training.Tests.TestDoubles;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks the VPO service's contract: <c>POST /optimize</c> with
/// <c>{"query": ...}</c>, answered by <c>{"prompt": ...}</c>, or by whatever status and body the test chooses.
/// </summary>
public sealed class OptimizeServiceDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _queries = new();

    private OptimizeServiceDouble(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The service's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The queries received.</summary>
    public IReadOnlyList<string> Queries => _queries.ToList();

    /// <summary>Starts the server; <paramref name="respond"/> maps a query to (status, raw JSON body).</summary>
    public static async Task<OptimizeServiceDouble> StartAsync(Func<string, (int Status, string Body)> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        OptimizeServiceDouble? server = null;
        app.MapPost("/optimize", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
            var query = document.RootElement.GetProperty("query").GetString()!;
            server!._queries.Enqueue(query);
            var (status, body) = respond(query);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new OptimizeServiceDouble(app, new Uri(address));
        return server;
    }

    /// <summary>A 200 answer carrying <paramref name="prompt"/>.</summary>
    public static (int, string) Prompt(string prompt) => (200, JsonSerializer.Serialize(new { prompt }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
