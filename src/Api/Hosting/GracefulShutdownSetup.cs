using Microsoft.Extensions.Options;
using Vpo.Api.Health;

namespace Vpo.Api.Hosting;

/// <summary>
/// Registers the graceful shutdown: the stop signal, the host's shutdown timeout from
/// <see cref="GracefulShutdownOptions.DrainTimeout"/>, and a readiness check that fails while stopping.
/// </summary>
public static class GracefulShutdownSetup
{
    /// <summary>Adds the options (section <see cref="GracefulShutdownOptions.SectionName"/>) and the shutdown pieces.</summary>
    public static IServiceCollection AddVpoGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GracefulShutdownOptions>()
            .Bind(configuration.GetSection(GracefulShutdownOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The server stops first and waits for running requests for at most the host's shutdown timeout.
        services.AddOptions<HostOptions>().Configure<IOptions<GracefulShutdownOptions>>((host, shutdown) =>
            host.ShutdownTimeout = shutdown.Value.DrainTimeout);
        services.AddSingleton<GracefulShutdownState>();
        services.AddHostedService(provider => provider.GetRequiredService<GracefulShutdownState>());
        services.AddHealthChecks().AddCheck<GracefulShutdownHealthCheck>("shutdown", tags: [ModelReadyHealthCheck.ReadyTag]);
        return services;
    }
}
