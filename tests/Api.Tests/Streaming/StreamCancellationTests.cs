using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Vpo.Api.Tests.Streaming;

// Each test runs its own service: they read its generator counters.
public sealed class StreamCancellationTests
{
    private const int Budget = 3000;

    public static TheoryData<string, string> LongStreams() => new()
    {
        {
            "/optimize",
            JsonSerializer.Serialize(new { query = "a cat", options = new { temperature = 0.0, max_new_tokens = Budget, min_new_tokens = Budget } })
        },
        {
            "/v1/chat/completions",
            // Chat has no minimum length; greedy from this prompt the fixture model never ends its turn within the budget.
            JsonSerializer.Serialize(new { model = "tiny-llama", messages = new[] { new { role = "user", content = "a dog" } }, temperature = 0, max_tokens = Budget, stream = true })
        },
    };

    [Theory]
    [MemberData(nameof(LongStreams))]
    public async Task A_client_that_drops_the_stream_stops_its_generation(string path, string body)
    {
        await using var service = await TestService.StartReadyAsync($"Inference:MaxNewTokensLimit={Budget}");
        var tokensBefore = service.Statistics.GeneratedTokens;
        var cancelledBefore = service.Statistics.CancelledRows;
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var response = await service.PostForEventsAsync(path, body, client.Token);
        var stream = await response.Content.ReadAsStreamAsync(client.Token);
        var events = SseParser.Create(stream).EnumerateAsync(client.Token).GetAsyncEnumerator(client.Token);

        // Text is arriving while the generation runs.
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(1, service.Statistics.RunningRows);

        await client.CancelAsync();
        await events.DisposeAsync();
        response.Dispose();

        await TestService.WaitUntilAsync(() => service.Statistics.RunningRows == 0, "the generator stops");
        Assert.True(cancelledBefore + 1 == service.Statistics.CancelledRows, $"the row was not cancelled (did it end by itself? the fixture model changed?): cancelled {service.Statistics.CancelledRows - cancelledBefore}, generated {service.Statistics.GeneratedTokens - tokensBefore}");
        Assert.True(service.Statistics.GeneratedTokens - tokensBefore < Budget, $"{service.Statistics.GeneratedTokens - tokensBefore} tokens were generated for a client that had left");
    }
}
