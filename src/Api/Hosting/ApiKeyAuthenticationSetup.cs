using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Hosting;

/// <summary>
/// Registers API-key authentication and, when it is enabled, a fallback authorization policy that requires a known
/// key on every request outside <see cref="ApiKeyAuthenticationOptions.AnonymousPaths"/>.
/// </summary>
public static class ApiKeyAuthenticationSetup
{
    /// <summary>Adds the options (section <see cref="ApiKeyAuthenticationOptions.SectionName"/>), the scheme and the policy.</summary>
    public static IServiceCollection AddVpoApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiKeyAuthenticationOptions>()
            .Bind(configuration.GetSection(ApiKeyAuthenticationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<ApiKeyAuthenticationOptions>>((authorization, keys) =>
        {
            var options = keys.Value;
            if (!options.Enabled)
            {
                return;
            }

            // A fallback policy also covers middleware-served paths such as Swagger UI that have no endpoint.
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAssertion(context =>
                    context.User.Identity?.IsAuthenticated == true ||
                    (context.Resource is HttpContext http && IsAnonymous(http.Request.Path, options)))
                .Build();
        });
        return services;
    }

    private static bool IsAnonymous(PathString path, ApiKeyAuthenticationOptions options) =>
        options.EffectiveAnonymousPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
