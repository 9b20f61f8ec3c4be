using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Hosting;

/// <summary>The ASP.NET Core CORS default policy built from <see cref="CrossOriginOptions"/>.</summary>
public static class CrossOriginSetup
{
    /// <summary>Adds the options (section <see cref="CrossOriginOptions.SectionName"/>) and the default CORS policy.</summary>
    public static IServiceCollection AddVpoCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CrossOriginOptions>()
            .Bind(configuration.GetSection(CrossOriginOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, settings) =>
        {
            var options = settings.Value;
            if (!options.Enabled)
            {
                return;
            }

            cors.AddDefaultPolicy(policy =>
            {
                if (options.AllowedOrigins is ["*"])
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. options.AllowedOrigins]);
                }

                policy.WithMethods([.. options.AllowedMethods ?? ["GET", "POST"]])
                    .WithHeaders([.. options.AllowedHeaders ?? ["Content-Type", "Authorization", "X-Api-Key"]])
                    .WithExposedHeaders([.. options.ExposedHeaders ?? ["Retry-After"]])
                    .SetPreflightMaxAge(options.PreflightMaxAge);
            });
        });
        return services;
    }
}
