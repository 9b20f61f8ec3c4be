using Vpo.Api.Contracts.OpenAi;

namespace Vpo.Api.Validation;

/// <summary>Why an OpenAI-style request is refused: the HTTP status and the error object to send.</summary>
/// <param name="Status">400 for bad requests, 404 for an unknown model.</param>
/// <param name="Error">The OpenAI error object naming the field at fault.</param>
public sealed record OpenAiProblem(int Status, OpenAiError Error)
{
    /// <summary>A 400 <c>invalid_request_error</c> about <paramref name="param"/>.</summary>
    public static OpenAiProblem Invalid(string? param, string message, string code = "invalid_value") =>
        new(StatusCodes.Status400BadRequest, new OpenAiError { Message = message, Type = "invalid_request_error", Param = param, Code = code });
}
