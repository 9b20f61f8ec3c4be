using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vpo.Api.Contracts.OpenAi;
using Vpo.Api.Hosting;
using Vpo.Api.Streaming;
using Vpo.Api.Validation;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Endpoints;

/// <summary>
/// <c>POST /v1/chat/completions</c>: the OpenAI chat completions API on the served model, so OpenAI clients and SDKs
/// work against the service unchanged. Every choice is a row of the same batching scheduler as <c>/optimize</c>.
/// </summary>
public static partial class ChatCompletionsEndpoints
{
    /// <summary>Maps <c>POST /v1/chat/completions</c> with the body-size limit and timeout of <c>/optimize</c>.</summary>
    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value;
        endpoints.MapPost("/v1/chat/completions", CompleteAsync)
            .WithName("CreateChatCompletion")
            .WithTags("OpenAI-compatible")
            .WithSummary("Create a chat completion (OpenAI format).")
            .WithDescription(
                "Renders `messages` with the served model's chat template and generates the assistant's reply. Supports " +
                "`temperature` (0–2), `top_p` (0–1), `max_tokens` / `max_completion_tokens`, `seed`, `stop` (up to 4 strings, " +
                "matched across tokens and left out of the answer), `n` (1–8, run as rows of one batch) and `stream`. With " +
                "`\"stream\": true` the answer comes as server-sent events: `data: {chat.completion.chunk}` per batch of tokens " +
                "(the first carries `delta.role`, the last of each choice its `finish_reason`), a usage chunk when " +
                "`stream_options.include_usage` is set, then `data: [DONE]`. A client that drops the stream stops its generation. " +
                "Errors use the OpenAI error object: 400 `invalid_request_error` naming the `param`, 404 `model_not_found`, " +
                "503 when the queue is full.")
            .Accepts<ChatCompletionRequest>("application/json")
            .WithMetadata(new EventStreamResponse(typeof(ChatCompletion), typeof(ChatCompletionChunk)))
            .Produces<OpenAiErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status404NotFound)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status413PayloadTooLarge)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<OpenAiErrorResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(api.MaxRequestBodyBytes))
            .WithRequestTimeout(ApiOptions.OptimizeTimeoutPolicy);
        return endpoints;
    }

    /// <summary>Creates a chat completion, whole or streamed.</summary>
    public static async Task<Results<Ok<ChatCompletion>, ServerSentEventsResult<string>, JsonHttpResult<OpenAiErrorResponse>>> CompleteAsync(
        [AsParameters] ChatCompletionCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Context.Request;
        if (!request.HasJsonContentType())
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.Error(StatusCodes.Status415UnsupportedMediaType, "invalid_request_error", null, "unsupported_media_type",
                $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'.");
        }

        ChatCompletionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ChatCompletionRequest>(call.Json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            var (field, message) = JsonErrors.Describe(exception);
            return OpenAiResults.Error(OpenAiProblem.Invalid(field == "body" ? null : field, message, "invalid_json"));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.Error(StatusCodes.Status413PayloadTooLarge, "invalid_request_error", null, "request_too_large", exception.Message);
        }

        if (body is null)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.Error(OpenAiProblem.Invalid(null, "The body must be a JSON object.", "invalid_json"));
        }

        var problem = ChatCompletionRequestValidator.Validate(body, call.Model.Name, call.Limits.Value, out var plan);
        if (problem is not null || plan is null)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.Error(problem ?? OpenAiProblem.Invalid(null, "The request could not be read."));
        }

        var completion = new ChatCompletionStream(plan, call.Model.Name, call.Json.Value.SerializerOptions, call.Telemetry);
        try
        {
            if (plan.Stream)
            {
                await completion.StartAsync(call.Scheduler, cancellationToken);
                return TypedResults.ServerSentEvents(completion.ReadEventsAsync(cancellationToken));
            }

            var results = await call.Scheduler.GenerateAllAsync([.. Enumerable.Range(0, plan.Choices).Select(choice => plan.Job(choice, null))], null, cancellationToken);
            call.Telemetry.RecordChatRequest(RequestOutcome.Ok);
            return TypedResults.Ok(completion.Whole(results));
        }
        catch (QueueFullException exception)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.QueueFull);
            return OpenAiResults.Busy(call.Context, exception);
        }
        catch (PromptTooLongException exception)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.TooLong(exception);
        }
        catch (ChatTemplateException exception)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Invalid);
            return OpenAiResults.Error(OpenAiProblem.Invalid("messages", exception.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Cancelled);
            LogCancelled(call.Logger, plan.Choices);
            throw;
        }
        catch (Exception)
        {
            call.Telemetry.RecordChatRequest(RequestOutcome.Error);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat completion with {Choices} choices cancelled by the client or its timeout")]
    private static partial void LogCancelled(ILogger logger, int choices);
}
