using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Vpo.Api.Tests.Video.Doubles;

/// <summary>A fault a double serves to one request instead of its normal answer.</summary>
public abstract record ServerFault
{
    /// <summary>500 Internal Server Error.</summary>
    public static ServerFault ServerError { get; } = new StatusFault(500, "{\"detail\":\"boom\"}", null);

    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    public static ServerFault TooManyRequests(int retryAfterSeconds) => new StatusFault(429, "{\"detail\":\"slow down\"}", retryAfterSeconds);

    /// <summary>The connection is closed without an answer.</summary>
    public static ServerFault Drop { get; } = new DropFault();

    /// <summary>No answer for <paramref name="delay"/> (longer than the client's attempt timeout makes a timeout), then a 504.</summary>
    public static ServerFault Slow(TimeSpan delay) => new SlowFault(delay);

    /// <summary>A 200 whose body is cut-off JSON.</summary>
    public static ServerFault MalformedJson { get; } = new StatusFault(200, "{\"id\": \"x\", \"status\": ", null);

    /// <summary>Writes the fault.</summary>
    public abstract Task WriteAsync(HttpContext context);

    private sealed record StatusFault(int Status, string Body, int? RetryAfterSeconds) : ServerFault
    {
        public override async Task WriteAsync(HttpContext context)
        {
            context.Response.StatusCode = Status;
            if (RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Body);
        }
    }

    private sealed record DropFault : ServerFault
    {
        public override Task WriteAsync(HttpContext context)
        {
            context.Abort();
            return Task.CompletedTask;
        }
    }

    private sealed record SlowFault(TimeSpan Delay) : ServerFault
    {
        public override async Task WriteAsync(HttpContext context)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted);
                context.Response.StatusCode = 504;
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, as it should.
            }
        }
    }
}
