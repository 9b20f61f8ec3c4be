using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Tests.Hosting;

public sealed class ApiKeyAuthenticationTests : IClassFixture<ApiKeyService>
{
    private readonly TestService _service;

    public ApiKeyAuthenticationTests(ApiKeyService fixture) => _service = fixture.Service;

    [Fact]
    public async Task A_request_without_a_key_under_v1_gets_401_in_the_openai_error_shape()
    {
        using var response = await _service.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("X-Api-Key", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task A_request_without_a_key_gets_401_problem_details_saying_how_to_send_one(string path)
    {
        using var response = await _service.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optimize_request_without_a_key_is_refused_before_any_generation()
    {
        var runsBefore = _service.Statistics.GeneratorRuns;

        using var response = await _service.OptimizeAsync(new { query = "a cat playing piano" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(runsBefore, _service.Statistics.GeneratorRuns);
    }

    [Theory]
    [InlineData("X-Api-Key", "wrong-key-wrong-key-wrong-key")]
    [InlineData("X-Api-Key", ApiKeyService.StudioKey + "x")]
    [InlineData("Authorization", "Bearer wrong-key-wrong-key-wrong-key")]
    public async Task A_wrong_key_gets_401_without_the_key_echoed(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _service.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("not known", body, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_key_in_the_header_or_as_a_bearer_token_is_let_through()
    {
        using var header = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        header.Headers.Add("X-Api-Key", ApiKeyService.StudioKey);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/optimize")
        {
            Content = JsonContent.Create(new { query = "a cat playing piano", options = new { max_new_tokens = 2 } }),
        };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyService.BatchKey);

        using var models = await _service.Client.SendAsync(header, TestContext.Current.CancellationToken);
        using var optimize = await _service.Client.SendAsync(bearer, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, optimize.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_need_no_key(string path)
    {
        using var response = await _service.Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_authentication_enabled_no_key_is_asked_for()
    {
        await using var open = await TestService.StartReadyAsync();

        using var response = await open.Client.GetAsync("/v1/models", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("ApiKeyAuthentication:Enabled=true", "ApiKeyAuthentication:Keys is empty")]
    [InlineData("ApiKeyAuthentication:Keys:studio=short-secret", "ApiKeyAuthentication:Keys:studio must be at least 16 characters")]
    [InlineData("ApiKeyAuthentication:AnonymousPaths:0=health", "ApiKeyAuthentication:AnonymousPaths")]
    public async Task Bad_key_settings_stop_the_service_at_start_without_revealing_keys(string setting, string named)
    {
        var app = TestService.Build(setting);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", failure.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Two_clients_sharing_one_key_stop_the_service_at_start()
    {
        var app = TestService.Build($"ApiKeyAuthentication:Keys:a={ApiKeyService.StudioKey}", $"ApiKeyAuthentication:Keys:b={ApiKeyService.StudioKey}");

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("clients a, b share one key", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyService.StudioKey, failure.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}

/// <summary>One ready service with API keys for the clients studio and batch.</summary>
public sealed class ApiKeyService : IAsyncLifetime
{
    public const string StudioKey = "studio-0123456789abcdef0123456789";
    public const string BatchKey = "batch-fedcba9876543210fedcba98765";

    public TestService Service { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Service = await TestService.StartReadyAsync(
            "ApiKeyAuthentication:Enabled=true", $"ApiKeyAuthentication:Keys:studio={StudioKey}", $"ApiKeyAuthentication:Keys:batch={BatchKey}");

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
