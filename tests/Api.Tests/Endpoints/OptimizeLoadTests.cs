using System.Net;
using System.Text.Json;

namespace Vpo.Api.Tests.Endpoints;

// Each test runs its own service: they read its generator counters or depend on its limits.
public sealed class OptimizeLoadTests
{
    [Fact]
    public async Task Concurrent_requests_are_served_by_one_generator_and_match_their_solo_answers()
    {
        await using var service = await TestService.StartReadyAsync("Inference:BatchWindow=00:00:00.300", "Inference:MaxBatchSize=8");
        string[] queries = ["a cat playing piano", "a dog running on the beach at sunset -ar 16:9", "x", "a castle in the fog -neg people"];
        var options = new { temperature = 0.0, max_new_tokens = 12 };
        var alone = new List<JsonElement>();
        foreach (var query in queries)
        {
            alone.Add(await service.OptimizeOkAsync(new { query, options }));
        }

        var runsBefore = service.Statistics.GeneratorRuns;
        var together = await Task.WhenAll(queries.Select(query => service.OptimizeOkAsync(new { query, options })));

        Assert.Equal(1, service.Statistics.GeneratorRuns - runsBefore);
        for (var index = 0; index < queries.Length; index++)
        {
            Assert.Equal(1, alone[index].GetProperty("iterations")[0].GetProperty("batch_size").GetInt32());
            Assert.Equal(queries.Length, together[index].GetProperty("iterations")[0].GetProperty("batch_size").GetInt32());
            Assert.Equal(alone[index].GetProperty("prompt").GetString(), together[index].GetProperty("prompt").GetString());
            Assert.Equal(alone[index].GetProperty("usage").GetRawText(), together[index].GetProperty("usage").GetRawText());
            Assert.Equal(
                alone[index].GetProperty("iterations")[0].GetProperty("finish_reason").GetString(),
                together[index].GetProperty("iterations")[0].GetProperty("finish_reason").GetString());
        }
    }

    [Fact]
    public async Task With_batching_off_every_request_gets_its_own_generator()
    {
        await using var service = await TestService.StartReadyAsync("Inference:BatchWindow=00:00:00.300", "Inference:MaxBatchSize=1");
        var options = new { temperature = 0.0, max_new_tokens = 4 };
        var runsBefore = service.Statistics.GeneratorRuns;

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(index => service.OptimizeOkAsync(new { query = $"query {index}", options })));

        Assert.Equal(3, service.Statistics.GeneratorRuns - runsBefore);
        Assert.All(results, result => Assert.Equal(1, result.GetProperty("iterations")[0].GetProperty("batch_size").GetInt32()));
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_at_once()
    {
        await using var service = await TestService.StartReadyAsync(
            "Inference:BatchWindow=00:00:00", "Inference:MaxBatchSize=1", "Inference:QueueCapacity=1", "Inference:RetryAfterSeconds=2");
        using var callers = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = service.OptimizeCancellableAsync(new { query = "a cat", options = new { temperature = 0.0, max_new_tokens = 2000, min_new_tokens = 2000 } }, callers.Token);
        await TestService.WaitUntilAsync(() => service.Statistics.RunningRows == 1, "the first request runs");
        var waiting = service.OptimizeCancellableAsync(new { query = "a dog", options = new { temperature = 0.0, max_new_tokens = 4 } }, callers.Token);
        await TestService.WaitUntilAsync(() => service.Statistics.QueueLength == 1, "the second request waits");

        var started = DateTime.UtcNow;
        using var refused = await service.OptimizeAsync(new { query = "a bird", options = new { temperature = 0.0, max_new_tokens = 4 } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the refusal waited for the queue");
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        await callers.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_client_that_disconnects_stops_its_generation()
    {
        const int Budget = 3000;
        await using var service = await TestService.StartReadyAsync($"Inference:MaxNewTokensLimit={Budget}");
        var runsBefore = service.Statistics.GeneratorRuns;
        var tokensBefore = service.Statistics.GeneratedTokens;
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var request = service.OptimizeCancellableAsync(new { query = "a cat", options = new { temperature = 0.0, max_new_tokens = Budget, min_new_tokens = Budget } }, client.Token);
        await TestService.WaitUntilAsync(() => service.Statistics.RunningRows == 1, "the request runs");

        await client.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await TestService.WaitUntilAsync(() => service.Statistics.RunningRows == 0, "the generator stops");
        Assert.Equal(runsBefore + 1, service.Statistics.GeneratorRuns);
        Assert.True(service.Statistics.GeneratedTokens - tokensBefore < Budget, "the generator ran on for a client that had left");
        Assert.Equal(1, service.Statistics.CancelledRows);
    }

    [Fact]
    public async Task A_request_over_its_time_limit_gets_504_problem_details_and_its_generation_stops()
    {
        const int Budget = 3000;
        await using var service = await TestService.StartReadyAsync("Api:RequestTimeout=00:00:00.200", $"Inference:MaxNewTokensLimit={Budget}");
        var runsBefore = service.Statistics.GeneratorRuns;
        var tokensBefore = service.Statistics.GeneratedTokens;

        using var response = await service.OptimizeAsync(new { query = "a cat", options = new { temperature = 0.0, max_new_tokens = Budget, min_new_tokens = Budget } });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await TestService.WaitUntilAsync(() => service.Statistics.RunningRows == 0, "the generator stops");
        Assert.Equal(runsBefore + 1, service.Statistics.GeneratorRuns);
        Assert.True(service.Statistics.GeneratedTokens - tokensBefore < Budget, $"{service.Statistics.GeneratedTokens - tokensBefore} tokens were generated for a request that had timed out");
        Assert.Equal(1, service.Statistics.CancelledRows);
    }
}
