using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;

// Tests start real servers and measure what their generators did; side by side on two cores they would only be slow.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace Vpo.Api.Tests;

/// <summary>
/// The real service (<see cref="Program.BuildApp"/>) on Kestrel at 127.0.0.1 with a free port, serving the repository's
/// tiny random-weight model through ONNX Runtime GenAI, reached over real HTTP.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestService(WebApplication app, Uri address)
    {
        _app = app;
        // A response disposed half-read must close its connection, as a client that goes away does; by default the
        // handler drains up to 1 MB (2 s) to reuse the connection, which on a fast machine reads a whole stream.
        Client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    /// <summary>The running service's container, to reach its singletons.</summary>
    public IServiceProvider Services => _app.Services;

    public SchedulerStatistics Statistics => _app.Services.GetRequiredService<GenerationScheduler>().Statistics;

    /// <summary>Starts a service with <paramref name="settings"/> (<c>Section:Key=value</c>) and waits until it is ready.</summary>
    public static async Task<TestService> StartReadyAsync(params string[] settings)
    {
        var service = await StartAsync(settings);
        await service.WaitUntilReadyAsync();
        return service;
    }

    /// <summary>Starts a service with <paramref name="settings"/> without waiting for its warm-up.</summary>
    public static async Task<TestService> StartAsync(params string[] settings)
    {
        var app = Build(settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestService(app, new Uri(address));
    }

    /// <summary>Builds (but does not start) the service with the tiny model and <paramref name="settings"/>.</summary>
    public static WebApplication Build(params string[] settings)
    {
        string[] defaults =
        [
            "urls=http://127.0.0.1:0",
            $"Inference:ModelPath={TinyModel.FolderPath}",
            "Logging:LogLevel:Default=Warning",
            "Logging:LogLevel:Microsoft.AspNetCore=Error",
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        ];
        return Program.BuildApp([.. defaults.Concat(settings).Select(setting => "--" + setting)]);
    }

    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the service did not become ready");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Posts <paramref name="body"/> (serialized as is) to <c>/optimize</c>.</summary>
    public Task<HttpResponseMessage> OptimizeAsync(object body, string query = "") =>
        Client.PostAsJsonAsync("/optimize" + query, body, TestContext.Current.CancellationToken);

    /// <summary>Posts <paramref name="body"/> to <c>/optimize</c> as a client that may hang up through <paramref name="cancellation"/>.</summary>
    public Task<HttpResponseMessage> OptimizeCancellableAsync(object body, CancellationToken cancellation) =>
        Client.PostAsJsonAsync("/optimize", body, cancellation);

    /// <summary>Posts and returns the parsed 200 body.</summary>
    public async Task<JsonElement> OptimizeOkAsync(object body, string query = "")
    {
        using var response = await OptimizeAsync(body, query);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The official OpenAI client for chat completions against this service (no retries, so errors surface at once).</summary>
    public ChatClient Chat(string model = "tiny-llama") => new(model, new ApiKeyCredential("unused"), OpenAiOptions());

    /// <summary>The official OpenAI client for <c>/v1/models</c>.</summary>
    public OpenAIModelClient Models() => new(new ApiKeyCredential("unused"), OpenAiOptions());

    private OpenAIClientOptions OpenAiOptions() => new()
    {
        Endpoint = new Uri(Address, "v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// Posts <paramref name="json"/> to <paramref name="path"/> asking for server-sent events and returns the response as
    /// soon as its headers arrived; the caller reads (or abandons) the stream.
    /// </summary>
    public async Task<HttpResponseMessage> PostForEventsAsync(string path, string json, CancellationToken cancellation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
    }

    /// <summary>The <c>data:</c> payloads of an event stream, in order, until it ends.</summary>
    public static async Task<List<string>> ReadEventsAsync(HttpResponseMessage response)
    {
        var events = new List<string>();
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(TestContext.Current.CancellationToken))
        {
            events.Add(item.Data);
        }

        return events;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

/// <summary>The repository's tiny random-weight model folder, found by walking up from the test binaries.</summary>
public static class TinyModel
{
    public static string FolderPath { get; } = Locate();

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Fixtures", "tiny-llama");
            if (File.Exists(Path.Combine(candidate, ModelFolder.ConfigFileName)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Fixtures/tiny-llama was not found above {AppContext.BaseDirectory}; the service tests need it.");
    }
}

/// <summary>One ready service shared by the tests of a class that do not depend on its counters or limits.</summary>
public sealed class SharedService : IAsyncLifetime
{
    public TestService Service { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Service = await TestService.StartReadyAsync("Api:MaxRequestBodyBytes=16384", "Inference:ModelName=tiny-llama");

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
