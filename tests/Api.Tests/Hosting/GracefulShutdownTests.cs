using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Vpo.Api.Hosting;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Tests.Hosting;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Stopping_finishes_the_running_batch_and_answers_queued_requests_503_at_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var app = TestService.Build(
            "Inference:BatchWindow=00:00:00.300", "Inference:MaxBatchSize=2", "Inference:RetryAfterSeconds=3",
            "GracefulShutdown:DrainTimeout=00:01:00");
        await app.StartAsync(cancellationToken);
        var statistics = app.Services.GetRequiredService<GenerationScheduler>().Statistics;
        using var client = new HttpClient { BaseAddress = Address(app), Timeout = TimeSpan.FromSeconds(90) };
        await WaitUntilReadyAsync(client);
        var clock = Stopwatch.StartNew();

        var long_ = new { temperature = 0.0, max_new_tokens = 1500, min_new_tokens = 1500 };
        var running = new[] { "a cat playing piano", "a dog on the beach" }
            .Select(query => TimedAsync(client.PostAsJsonAsync("/optimize", new { query, options = long_ }, cancellationToken), clock))
            .ToList();
        await TestService.WaitUntilAsync(() => statistics.RunningRows == 2, "both long requests run in one generator");
        var queued = Enumerable.Range(0, 3)
            .Select(index => TimedAsync(client.PostAsJsonAsync("/optimize", new { query = $"queued {index}", options = new { max_new_tokens = 4 } }, cancellationToken), clock))
            .ToList();
        await TestService.WaitUntilAsync(() => statistics.QueueLength == 3, "three requests wait for a generator");

        var stopped = app.StopAsync(CancellationToken.None);

        foreach (var (response, _) in await Task.WhenAll(queued))
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                Assert.Equal("The optimizer is shutting down", problem.GetProperty("title").GetString());
            }
        }

        var refusedBy = clock.Elapsed;
        foreach (var (response, answeredAt) in await Task.WhenAll(running))
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
                var result = JsonDocument.Parse(body).RootElement;
                Assert.Equal(1500, result.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
                Assert.True(answeredAt > refusedBy, "the queued requests were refused only after the running batch ended");
            }
        }

        await stopped;
        await app.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health/live", cancellationToken));
    }

    [Fact]
    public async Task Once_stopping_new_requests_get_503_and_readiness_fails_while_liveness_answers()
    {
        await using var service = await TestService.StartReadyAsync();

        service.Services.GetRequiredService<GracefulShutdownState>().BeginStopping();

        using var optimize = await service.OptimizeAsync(new { query = "a cat" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, optimize.StatusCode);
        Assert.Equal("application/problem+json", optimize.Content.Headers.ContentType?.MediaType);
        Assert.True(optimize.Headers.Contains("Retry-After"));
        using var models = await service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, models.StatusCode);
        using var ready = await service.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("shutting down", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var live = await service.Client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan AnsweredAt)> TimedAsync(Task<HttpResponseMessage> request, Stopwatch clock)
    {
        var response = await request;
        return (response, clock.Elapsed);
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "the service did not become ready");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
