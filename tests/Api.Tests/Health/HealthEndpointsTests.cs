using System.Net;
using System.Text.Json;

namespace Vpo.Api.Tests.Health;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Ready_answers_503_until_the_warm_up_generation_has_run_while_live_answers_at_once()
    {
        // The warm-up starts once the server listens; a long one (3,500 tokens, several seconds on the tiny model, far longer than the first request) leaves time to
        // see the service live but not ready.
        await using var service = await TestService.StartAsync("Inference:WarmUpTokens=3500");
        var cancellation = TestContext.Current.CancellationToken;

        using var live = await service.Client.GetAsync("/health/live", cancellation);
        using var notReady = await service.Client.GetAsync("/health/ready", cancellation);
        using var models = JsonDocument.Parse(await service.Client.GetStringAsync("/v1/models", cancellation));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("warm-up", await notReady.Content.ReadAsStringAsync(cancellation), StringComparison.Ordinal);
        Assert.False(models.RootElement.GetProperty("data")[0].GetProperty("ready").GetBoolean());

        await service.WaitUntilReadyAsync();
        using var ready = await service.Client.GetAsync("/health/ready", cancellation);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(1, service.Statistics.GeneratorRuns);
    }
}
