using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vpo.Inference.Telemetry;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Hosting;

/// <summary>Wires OpenTelemetry: traces and metrics of ASP.NET Core and the optimizer, Prometheus scraping, OTLP export.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The path Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Adds traces (<c>Vpo.Inference</c> and ASP.NET Core) and metrics (<c>Vpo.Inference</c>, <c>Vpo.Api</c> and
    /// ASP.NET Core) with a Prometheus exporter. The OTLP exporter is added only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is configured, so a service without a collector does not retry sending into the void.
    /// </summary>
    public static IServiceCollection AddVpoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var serviceName = configuration[$"{ApiOptions.SectionName}:{nameof(ApiOptions.ServiceName)}"] ?? new ApiOptions().ServiceName;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddSource(InferenceTelemetry.SourceName)
                .AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(InferenceTelemetry.SourceName, ApiTelemetry.MeterName, VideoJobTelemetry.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
