using Microsoft.AspNetCore.Http;

namespace Vpo.Training.Tests.Construction.Doubles;

/// <summary>A fault a double serves instead of its normal answer.</summary>
/// <param name="Status">The HTTP status to answer.</param>
/// <param name="Body">The body (garbage, an error object).</param>
/// <param name="RetryAfterSeconds">A <c>Retry-After</c> header, in seconds.</param>
/// <param name="Delay">How long to wait before answering (longer than the client's attempt timeout makes a timeout).</param>
public sealed record ServerFault(int Status, string Body = "", int? RetryAfterSeconds = null, TimeSpan? Delay = null)
{
    /// <summary>429 Too Many Requests with a Retry-After.</summary>
    public static ServerFault TooManyRequests(int retryAfterSeconds) => new(429, "{\"error\":{\"message\":\"rate limited\"}}", retryAfterSeconds);

    /// <summary>500 Internal Server Error.</summary>
    public static ServerFault ServerError { get; } = new(500, "{\"error\":{\"message\":\"boom\"}}");

    /// <summary>A hang longer than the client's attempt timeout.</summary>
    public static ServerFault Hang(TimeSpan delay) => new(200, "", null, delay);

    /// <summary>A 200 whose body is not what the protocol says.</summary>
    public static ServerFault Garbage(string body) => new(200, body);

    /// <summary>Writes the fault; a hang that the client abandons ends quietly.</summary>
    public async Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext context)
    {
        if (Delay is { } delay)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Body.Length == 0)
            {
                context.Response.StatusCode = 504;
                return;
            }
        }

        context.Response.StatusCode = Status;
        if (RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Body);
    }
}
