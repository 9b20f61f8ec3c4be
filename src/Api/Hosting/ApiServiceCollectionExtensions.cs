using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using Vpo.Api.Health;

namespace Vpo.Api.Hosting;

/// <summary>Registers the HTTP side of the service: limits, JSON shape, problem details, timeouts and probes.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds the API's options (section <see cref="ApiOptions.SectionName"/>), JSON, problem details, timeouts and health checks.</summary>
    public static IServiceCollection AddVpoApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });

        services.AddProblemDetails();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiOptions>>((timeouts, api) =>
            timeouts.AddPolicy(ApiOptions.OptimizeTimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = api.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            }));

        services.AddSingleton<ApiTelemetry>();
        services.AddHealthChecks().AddCheck<ModelReadyHealthCheck>("model", tags: [ModelReadyHealthCheck.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Listens on <paramref name="url"/> unless URLs were configured (<c>ASPNETCORE_URLS</c>, <c>--urls</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c> or Kestrel endpoints).
    /// </summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"]) &&
            string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(url);
        }

        return builder;
    }

    /// <summary>Answers errors and bare status codes (404, 405, 504) with RFC 7807 problem details.</summary>
    public static WebApplication UseVpoErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
