using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vpo.Api.Hosting;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;

namespace Vpo.Api.Endpoints;

/// <summary>What <c>POST /optimize</c> binds: the raw request, the <c>iterations</c> query value and its services.</summary>
/// <param name="Context">The HTTP context; the body is read by the handler so that bad JSON gets a field-level error.</param>
/// <param name="Iterations">
/// Refinement iterations, 1 to 5 (default 1): each optimized prompt is fed back as the next query, and refinement stops
/// early when an iteration returns its input unchanged. Taken as text so that a non-number gets a 400 naming it.
/// </param>
/// <param name="Optimizer">The prompt optimizer.</param>
/// <param name="Model">The served model.</param>
/// <param name="Limits">Input limits and sampling defaults.</param>
/// <param name="Json">The API's JSON settings (snake_case).</param>
/// <param name="Telemetry">Request outcome metrics.</param>
/// <param name="Logger">The endpoint's logger.</param>
public sealed record OptimizeCall(
    HttpContext Context,
    [property: FromQuery(Name = "iterations")] string? Iterations,
    PromptOptimizer Optimizer,
    OnnxModelHost Model,
    IOptions<InferenceOptions> Limits,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> Json,
    ApiTelemetry Telemetry,
    ILogger<OptimizeCall> Logger);
