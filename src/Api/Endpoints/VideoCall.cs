using Microsoft.Extensions.Options;
using Vpo.Inference;
using Vpo.Inference.Video.Backends;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Endpoints;

/// <summary>What the <c>/videos</c> endpoints bind: the request and the video services.</summary>
/// <param name="Context">The HTTP context; bodies are read by the handler so that bad JSON gets a field-level error.</param>
/// <param name="Store">The job store.</param>
/// <param name="Worker">The job driver.</param>
/// <param name="Backends">The configured backends.</param>
/// <param name="Limits">The optimizer's input limits and defaults.</param>
/// <param name="Json">The API's JSON settings (snake_case).</param>
/// <param name="Telemetry">Video job metrics.</param>
/// <param name="Time">The clock.</param>
public sealed record VideoCall(
    HttpContext Context,
    IVideoJobStore Store,
    VideoJobWorker Worker,
    VideoBackendRegistry Backends,
    IOptions<InferenceOptions> Limits,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> Json,
    VideoJobTelemetry Telemetry,
    TimeProvider Time);
