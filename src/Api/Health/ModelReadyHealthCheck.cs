using Microsoft.Extensions.Diagnostics.HealthChecks;
using Vpo.Inference.Generation;

namespace Vpo.Api.Health;

/// <summary>Healthy once the model is loaded and the warm-up generation has run.</summary>
public sealed class ModelReadyHealthCheck(ModelReadiness readiness) : IHealthCheck
{
    /// <summary>The tag of checks that gate <c>/health/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady
            ? HealthCheckResult.Healthy($"Model loaded and warmed up in {readiness.WarmUpDuration.TotalMilliseconds:F0} ms.")
            : HealthCheckResult.Unhealthy("The model is loaded; the warm-up generation has not finished yet."));
}
