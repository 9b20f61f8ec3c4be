using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Hosting;

/// <summary>
/// The service's protections in one place, because their order matters: graceful shutdown, CORS, API keys, rate
/// limits, a server-wide body limit.
/// </summary>
public static class HardeningSetup
{
    /// <summary>Adds graceful shutdown, CORS, API-key authentication, rate limiting and the server-wide body limit.</summary>
    public static IServiceCollection AddVpoHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVpoGracefulShutdown(configuration);
        services.AddVpoCrossOrigin(configuration);
        services.AddVpoApiKeyAuthentication(configuration);
        services.AddVpoRateLimiting(configuration);
        // Endpoints set their own limits (POST /optimize: Api:MaxRequestBodyBytes); this caps every other one too.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>
    /// Adds the middleware in order: refuse while stopping; answer CORS preflights (before any key is asked for);
    /// identify the client by its key; count the request against that client's limit (so wrong-key floods are limited
    /// too); then require a key where one is needed.
    /// </summary>
    public static WebApplication UseVpoHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<GracefulShutdownMiddleware>();
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
