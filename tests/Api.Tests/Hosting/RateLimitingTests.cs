using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Tests.Hosting;

public sealed class RateLimitingTests
{
    private static readonly string StudioKey = new('s', 32);
    private static readonly string BatchKey = new('b', 32);

    [Fact]
    public async Task A_client_over_its_limit_gets_429_problem_details_with_retry_after()
    {
        await using var service = await TestService.StartReadyAsync("RateLimiting:Enabled=true", "RateLimiting:PermitLimit=2", "RateLimiting:Window=00:00:30");

        for (var request = 0; request < 2; request++)
        {
            using var allowed = await service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 30);
        // Under /v1 errors take OpenAI's shape, which OpenAI clients parse; elsewhere they are problem details.
        var openAiError = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrEmpty(openAiError.GetProperty("error").GetProperty("message").GetString()));

        using var optimize = await service.OptimizeAsync(new { query = "a cat", options = new { max_new_tokens = 2 } });
        Assert.Equal(HttpStatusCode.TooManyRequests, optimize.StatusCode);
        Assert.True(optimize.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", optimize.Content.Headers.ContentType?.MediaType);
        var problem = await optimize.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Health_probes_and_metrics_are_never_limited()
    {
        await using var service = await TestService.StartReadyAsync("RateLimiting:Enabled=true", "RateLimiting:PermitLimit=1", "RateLimiting:Window=00:01:00");
        using (var first = await service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        for (var request = 0; request < 5; request++)
        {
            foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
            {
                using var response = await service.Client.GetAsync(path, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Limits_are_kept_per_api_key_client_with_per_client_overrides()
    {
        await using var service = await TestService.StartReadyAsync(
            "RateLimiting:Enabled=true", "RateLimiting:PermitLimit=1", "RateLimiting:Window=00:01:00",
            "RateLimiting:Clients:studio:PermitLimit=3",
            "ApiKeyAuthentication:Enabled=true", $"ApiKeyAuthentication:Keys:studio={StudioKey}", $"ApiKeyAuthentication:Keys:batch={BatchKey}");

        var studio = await StatusesAsync(service, StudioKey, 4);
        var batch = await StatusesAsync(service, BatchKey, 2);

        Assert.Equal(new[] { 200, 200, 200, 429 }, studio);
        Assert.Equal(new[] { 200, 429 }, batch);
    }

    [Fact]
    public async Task Behind_a_proxy_limits_are_kept_per_forwarded_client_address()
    {
        await using var service = await TestService.StartReadyAsync(
            "RateLimiting:Enabled=true", "RateLimiting:PermitLimit=1", "RateLimiting:Window=00:01:00", "FORWARDEDHEADERS_ENABLED=true");

        Assert.Equal(HttpStatusCode.OK, await ModelsFromAsync(service, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ModelsFromAsync(service, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await ModelsFromAsync(service, "198.51.100.20"));
    }

    [Fact]
    public async Task Limits_are_off_by_default()
    {
        await using var service = await TestService.StartReadyAsync();

        for (var request = 0; request < 80; request++)
        {
            using var response = await service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("RateLimiting:PermitLimit=0", "PermitLimit")]
    [InlineData("RateLimiting:Window=00:00:00", "Window")]
    [InlineData("RateLimiting:Clients:studio:PermitLimit=0", "RateLimiting:Clients:studio:PermitLimit")]
    [InlineData("RateLimiting:ExemptPaths:0=health", "RateLimiting:ExemptPaths")]
    public async Task Bad_limits_stop_the_service_at_start_naming_the_setting(string setting, string named)
    {
        var app = TestService.Build("RateLimiting:Enabled=true", setting);
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    private static async Task<int[]> StatusesAsync(TestService service, string key, int count)
    {
        var statuses = new int[count];
        for (var index = 0; index < count; index++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
            request.Headers.Add("X-Api-Key", key);
            using var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
            statuses[index] = (int)response.StatusCode;
        }

        return statuses;
    }

    private static async Task<HttpStatusCode> ModelsFromAsync(TestService service, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
