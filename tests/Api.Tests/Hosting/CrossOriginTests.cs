using System.Net;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Tests.Hosting;

public sealed class CrossOriginTests
{
    private const string Studio = "https://studio.example.com";

    [Fact]
    public async Task An_allowed_origin_gets_its_preflight_answered_without_an_api_key()
    {
        await using var service = await TestService.StartReadyAsync(
            $"Cors:AllowedOrigins:0={Studio}", "ApiKeyAuthentication:Enabled=true", "ApiKeyAuthentication:Keys:studio=studio-0123456789abcdef");

        using var preflight = await PreflightAsync(service, Studio);

        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Studio, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Answers_to_an_allowed_origin_carry_cors_headers_and_expose_retry_after()
    {
        await using var service = await TestService.StartReadyAsync($"Cors:AllowedOrigins:0={Studio}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", Studio);

        using var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Studio, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Retry-After", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example.net")]
    [InlineData("http://studio.example.com")]
    public async Task Other_origins_get_no_cors_headers(string origin)
    {
        await using var service = await TestService.StartReadyAsync($"Cors:AllowedOrigins:0={Studio}");

        using var preflight = await PreflightAsync(service, origin);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Without_allowed_origins_no_cors_headers_are_sent()
    {
        await using var service = await TestService.StartReadyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("Origin", Studio);

        using var response = await service.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("studio.example.com")]
    [InlineData("https://studio.example.com/")]
    [InlineData("https://studio.example.com/app")]
    [InlineData("ftp://studio.example.com")]
    public async Task A_malformed_origin_stops_the_service_at_start_naming_it(string origin)
    {
        var app = TestService.Build($"Cors:AllowedOrigins:0={origin}");

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"Cors:AllowedOrigins: '{origin}' is not an origin", failure.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    private static Task<HttpResponseMessage> PreflightAsync(TestService service, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/optimize");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return service.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
