using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Vpo.Api.Tests.Video;

/// <summary>Starts the real service with video backends on a data folder, and drives its <c>/videos</c> endpoints.</summary>
internal static class VideoServices
{
    /// <summary>Settings for backend <paramref name="index"/> with fast timeouts and polls; <paramref name="extra"/> are relative to the backend (<c>Http:MaxRetries=1</c>).</summary>
    public static string[] Backend(int index, string name, string protocol, Uri baseUrl, params string[] extra)
    {
        var key = $"Videos:Backends:{index}:";
        string[] defaults =
        [
            "Name=" + name,
            "Protocol=" + protocol,
            "BaseUrl=" + baseUrl.AbsoluteUri,
            "Http:MaxRetries=4",
            "Http:BaseDelay=00:00:00.010",
            "Http:MaxRetryDelay=00:00:02",
            "Http:AttemptTimeout=00:00:02",
            "PollInterval=00:00:00.020",
            "MaxPollInterval=00:00:00.100",
        ];
        return [.. defaults.Concat(extra).Select(setting => key + setting)];
    }

    /// <summary>Starts a ready service keeping its jobs in <paramref name="dataFolder"/>.</summary>
    public static Task<TestService> StartAsync(string dataFolder, params string[] settings) =>
        TestService.StartReadyAsync([$"Videos:DataFolder={dataFolder}", "Videos:MaxStepFailures=3", .. settings]);

    /// <summary>A request body for <paramref name="query"/> with a short optimizer answer (the tiny model is random).</summary>
    public static Dictionary<string, object?> Body(string query, string? backend = null, object? options = null) => new()
    {
        ["query"] = query,
        ["backend"] = backend,
        ["options"] = options,
        ["optimizer"] = new { max_new_tokens = 12, temperature = 0 },
    };

    public static Task<HttpResponseMessage> PostAsync(this TestService service, object body, string? idempotencyKey = null) =>
        service.Client.PostVideoAsync(body, idempotencyKey);

    public static async Task<HttpResponseMessage> PostVideoAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/videos") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts and returns the 202 body's job.</summary>
    public static Task<JsonElement> CreateJobAsync(this TestService service, object body, string? idempotencyKey = null) =>
        service.Client.CreateJobAsync(body, idempotencyKey);

    /// <summary>Posts and returns the 202 body's job.</summary>
    public static async Task<JsonElement> CreateJobAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var response = await client.PostVideoAsync(body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetJobAsync(this TestService service, string id) => service.Client.GetJobAsync(id);

    public static async Task<JsonElement> GetJobAsync(this HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/videos/{id}", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the job until <paramref name="done"/> holds (default: a final status) and returns it.</summary>
    public static Task<JsonElement> WaitForJobAsync(this TestService service, string id, Func<JsonElement, bool>? done = null, double seconds = 20) =>
        service.Client.WaitForJobAsync(id, done, seconds);

    /// <summary>Polls the job until <paramref name="done"/> holds (default: a final status) and returns it.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, string id, Func<JsonElement, bool>? done = null, double seconds = 20)
    {
        done ??= job => job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var job = await client.GetJobAsync(id);
            if (done(job))
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not get there in {seconds} s; last: {job}");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(this TestService service, string path)
    {
        using var response = await service.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Status(this JsonElement job) => job.GetProperty("status").GetString()!;

    public static string Id(this JsonElement job) => job.GetProperty("id").GetString()!;
}

/// <summary>A fresh data folder for one test, deleted afterwards (SQLite's pooled connections are closed first).</summary>
internal sealed class DataFolder : IDisposable
{
    public DataFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vpo-videos-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
