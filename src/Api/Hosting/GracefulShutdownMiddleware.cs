using System.Globalization;
using Microsoft.Extensions.Options;
using Vpo.Inference;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Hosting;

/// <summary>
/// Answers requests that arrive while the service stops (on connections still open) with 503, Retry-After and
/// <c>Connection: close</c>, so clients retry on another replica; health probes still answer. Also turns a
/// <see cref="ServiceStoppingException"/> from any endpoint into that answer. Retry-After is the scheduler's
/// (<see cref="InferenceOptions.RetryAfterSeconds"/>), as for the generations it refuses while stopping.
/// </summary>
public sealed class GracefulShutdownMiddleware(RequestDelegate next, GracefulShutdownState state, IOptions<InferenceOptions> options)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (state.IsStopping && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await RefuseAsync(context, options.Value.RetryAfterSeconds);
            return;
        }

        try
        {
            await next(context);
        }
        catch (ServiceStoppingException exception) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, (int)Math.Ceiling(exception.RetryAfter.TotalSeconds));
        }
    }

    private static async Task RefuseAsync(HttpContext context, int retryAfterSeconds)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.Connection = "close";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The optimizer is shutting down",
                Detail = $"This replica is stopping; retry after {Math.Max(1, retryAfterSeconds)} s.",
            },
        });
    }
}
