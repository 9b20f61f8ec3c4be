using Microsoft.Extensions.Options;
using Vpo.Api.Hosting;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Endpoints;

/// <summary>What <c>POST /v1/chat/completions</c> binds: the raw request and its services.</summary>
/// <param name="Context">The HTTP context; the body is read by the handler so that bad JSON gets an OpenAI-style error.</param>
/// <param name="Scheduler">The one batching scheduler every generation goes through.</param>
/// <param name="Model">The served model.</param>
/// <param name="Limits">Input limits and sampling defaults.</param>
/// <param name="Json">The API's JSON settings (snake_case).</param>
/// <param name="Telemetry">Request outcome metrics.</param>
/// <param name="Logger">The endpoint's logger.</param>
public sealed record ChatCompletionCall(
    HttpContext Context,
    GenerationScheduler Scheduler,
    OnnxModelHost Model,
    IOptions<InferenceOptions> Limits,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> Json,
    ApiTelemetry Telemetry,
    ILogger<ChatCompletionCall> Logger);
