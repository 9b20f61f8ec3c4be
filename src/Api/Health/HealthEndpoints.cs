using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Vpo.Api.Health;

/// <summary>
/// <c>GET /health/live</c> (the process answers) and <c>GET /health/ready</c> (the model is loaded and warmed up;
/// 503 until then), for orchestrator probes.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Maps the two probes.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health")
            .WithSummary("Liveness: the process answers.");
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ModelReadyHealthCheck.ReadyTag),
            ResponseWriter = WriteAsync,
        })
            .WithTags("Health")
            .WithSummary("Readiness: the model is loaded and a warm-up generation has run (503 until then).");
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
