using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vpo.Api.Hosting;

/// <summary>Unhealthy once the service is stopping, so readiness turns off before the process goes away.</summary>
public sealed class GracefulShutdownHealthCheck(GracefulShutdownState state) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsStopping
            ? HealthCheckResult.Unhealthy("The service is shutting down.")
            : HealthCheckResult.Healthy("Accepting requests."));
}
