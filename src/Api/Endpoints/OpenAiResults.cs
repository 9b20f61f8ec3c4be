using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Vpo.Api.Contracts.OpenAi;
using Vpo.Api.Validation;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Endpoints;

/// <summary>Error answers in the OpenAI format, which OpenAI clients surface with their status and message.</summary>
internal static class OpenAiResults
{
    public static JsonHttpResult<OpenAiErrorResponse> Error(OpenAiProblem problem) =>
        TypedResults.Json(new OpenAiErrorResponse { Error = problem.Error }, statusCode: problem.Status);

    public static JsonHttpResult<OpenAiErrorResponse> Error(int status, string type, string? param, string? code, string message) =>
        Error(new OpenAiProblem(status, new OpenAiError { Message = message, Type = type, Param = param, Code = code }));

    /// <summary>503 with Retry-After: the queue is full, nothing was queued.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> Busy(HttpContext context, QueueFullException exception)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(exception.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status503ServiceUnavailable, "server_error", null, "server_busy", exception.Message);
    }

    /// <summary>400: the templated conversation does not fit the model's context.</summary>
    public static JsonHttpResult<OpenAiErrorResponse> TooLong(PromptTooLongException exception) =>
        Error(StatusCodes.Status400BadRequest, "invalid_request_error", "messages", "context_length_exceeded", exception.Message);
}
