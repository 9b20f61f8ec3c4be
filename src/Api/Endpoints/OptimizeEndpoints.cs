using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vpo.Api.Contracts;
using Vpo.Api.Hosting;
using Vpo.Api.Validation;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Endpoints;

/// <summary><c>POST /optimize</c>: turns short user queries into detailed video prompts.</summary>
public static partial class OptimizeEndpoints
{
    /// <summary>Maps <c>POST /optimize</c> with its body-size limit and timeout.</summary>
    public static IEndpointRouteBuilder MapOptimizeApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value;
        endpoints.MapPost("/optimize", OptimizeAsync)
            .WithName("Optimize")
            .WithTags("Optimizer")
            .WithSummary("Optimize one or more video-generation queries.")
            .WithDescription(
                "Expands each short user query into a detailed, faithful and safe video prompt with the VPO optimizer. " +
                "Send `query` (one) or `queries` (up to 32). Flags in a query (`-ar 16:9`, `-neg ...`, `-fps 24`, `-seed 42`, " +
                "`-motion 4`, `-gs 24`, `-camera zoom in`) come back parsed in `generation`; the query text is optimized as written. " +
                "Concurrent requests with equal options are batched. Bad input gets 400 problem details naming the field; " +
                "a full queue gets 503 with Retry-After.")
            .Accepts<OptimizeRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(api.MaxRequestBodyBytes))
            .WithRequestTimeout(ApiOptions.OptimizeTimeoutPolicy);
        return endpoints;
    }

    /// <summary>Optimizes one or more video-generation queries.</summary>
    public static async Task<Results<Ok<OptimizeResponse>, ValidationProblem, ProblemHttpResult>> OptimizeAsync(
        [AsParameters] OptimizeCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Context.Request;
        if (!request.HasJsonContentType())
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'.");
        }

        OptimizeRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<OptimizeRequest>(call.Json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            var (field, message) = JsonErrors.Describe(exception);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body could not be read.");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large",
                detail: $"The body may have at most {call.Context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize?.ToString(CultureInfo.InvariantCulture) ?? "the configured"} bytes.");
        }

        if (body is null)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        }

        var errors = OptimizeRequestValidator.Validate(body, call.Iterations, call.Limits.Value, out var plan);
        if (errors.Count > 0 || plan is null)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            return TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");
        }

        try
        {
            var results = await call.Optimizer.OptimizeManyAsync(plan.Queries, plan.Options, plan.Iterations, cancellationToken);
            call.Telemetry.RecordRequest(RequestOutcome.Ok);
            return TypedResults.Ok(OptimizeResponses.Create(plan, results, call.Model.Name));
        }
        catch (QueueFullException exception)
        {
            call.Telemetry.RecordRequest(RequestOutcome.QueueFull);
            call.Context.Response.Headers.RetryAfter = ((int)Math.Ceiling(exception.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The optimizer is busy", detail: exception.Message);
        }
        catch (PromptTooLongException exception)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Invalid);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [plan.IsSingle ? "query" : "queries"] = [exception.Message] });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the request timed out; the timeout middleware answers 504 if anyone is listening.
            call.Telemetry.RecordRequest(RequestOutcome.Cancelled);
            LogCancelled(call.Logger, plan.Queries.Count);
            throw;
        }
        catch (Exception)
        {
            call.Telemetry.RecordRequest(RequestOutcome.Error);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Optimize request with {Queries} queries cancelled by the client or its timeout")]
    private static partial void LogCancelled(ILogger logger, int queries);
}
