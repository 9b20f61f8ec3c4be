using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Hosting;

/// <summary>
/// The ASP.NET Core rate limiter configured from <see cref="RateLimitingOptions"/>: one fixed window per client,
/// 429 problem details with Retry-After when it is used up.
/// </summary>
public static class RateLimitingSetup
{
    /// <summary>Adds the options (section <see cref="RateLimitingOptions.SectionName"/>) and the partitioned limiter.</summary>
    public static IServiceCollection AddVpoRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var options = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            if (options.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options));
            }
        });
        return services;
    }

    /// <summary>The partition of <paramref name="context"/>: no limit for exempt paths, else the client's fixed window.</summary>
    internal static RateLimitPartition<string> Partition(HttpContext context, RateLimitingOptions options)
    {
        var path = context.Request.Path;
        if (options.EffectiveExemptPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var client = ClientName(context);
        var (permits, window) = client is not null && options.Clients.TryGetValue(client, out var named)
            ? (named.PermitLimit, named.Window ?? options.Window)
            : (options.PermitLimit, options.Window);
        var key = client is not null ? "client:" + client : "address:" + (context.Connection.RemoteIpAddress ?? IPAddress.None);
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string? ClientName(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client's request limit is used up; retry after {seconds} s.",
            },
        });
    }
}
