using Vpo.Api.Contracts.OpenAi;

namespace Vpo.Api.Hosting;

/// <summary>
/// Writes the errors the framework raises on the OpenAI-compatible routes (<c>/v1/...</c>: unsupported media type, unknown
/// path, wrong method, timeout, unexpected failure) as OpenAI error objects instead of problem details, because OpenAI
/// clients read only that shape. Other routes keep problem details.
/// </summary>
public sealed class OpenAiProblemDetailsWriter : IProblemDetailsWriter
{
    /// <summary>The path prefix of the OpenAI-compatible routes.</summary>
    public const string RoutePrefix = "/v1";

    /// <inheritdoc />
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.Request.Path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var status = context.ProblemDetails.Status ?? response.StatusCode;
        var message = context.ProblemDetails.Detail ?? status switch
        {
            StatusCodes.Status404NotFound => $"There is no {request.Path} here; the OpenAI-compatible routes are GET /v1/models and POST /v1/chat/completions.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'.",
            _ => context.ProblemDetails.Title ?? $"The request failed with status {status}.",
        };
        var error = new OpenAiError
        {
            Message = message,
            Type = status >= 500 ? "server_error" : "invalid_request_error",
            Param = null,
            Code = status switch
            {
                StatusCodes.Status404NotFound => "not_found",
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status413PayloadTooLarge => "request_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                StatusCodes.Status504GatewayTimeout => "timeout",
                _ => null,
            },
        };
        return new ValueTask(response.WriteAsJsonAsync(new OpenAiErrorResponse { Error = error }, context.HttpContext.RequestAborted));
    }
}
