using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vpo.Api.Contracts;
using Vpo.Api.Hosting;
using Vpo.Api.Validation;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Endpoints;

/// <summary>
/// <c>/videos</c>: asynchronous video jobs. A job optimizes the query, submits the prompt to a video backend and
/// stores the video; it survives restarts of the service.
/// </summary>
public static partial class VideoEndpoints
{
    /// <summary>The request header that makes <c>POST /videos</c> idempotent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>Maps the <c>/videos</c> endpoints.</summary>
    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value;
        var videos = endpoints.MapGroup("/videos").WithTags("Videos");

        videos.MapPost("/", CreateAsync)
            .WithName("CreateVideo")
            .WithSummary("Start a video job: optimize the query, then render it on a video backend.")
            .WithDescription(
                "Stores a job and answers 202 with it and a `Location` header at once; the job then optimizes `query` with the VPO " +
                "optimizer and submits the prompt to `backend` (Cog predictions for CogVideoX-style containers, or OpenAI's Videos API). " +
                "Poll `GET /videos/{id}` until `status` is `succeeded` (the video is at `result.file`), `failed` (`error` says why) or " +
                "`cancelled`. Settings left out of `options` come from the query's flags (`-ar 16:9`, `-neg ...`, `-fps 8`, `-seed 42`, " +
                "`-gs 6`). Send an `Idempotency-Key` header to make retries safe: the same key answers the same job without a second " +
                "submission (another request body with a used key gets 422). Bad input gets 400 problem details naming the field; " +
                "without configured backends the endpoint answers 503.")
            .Accepts<CreateVideoRequest>("application/json")
            .Produces<VideoJobResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new RequestSizeLimitAttribute(api.MaxRequestBodyBytes));

        videos.MapGet("/backends", ListBackends)
            .WithName("ListVideoBackends")
            .WithSummary("List the video backends and their health.")
            .WithDescription("Every configured backend with its protocol, base URL, circuit-breaker state (`closed`, `open`, `half_open`) " +
                             "and last request attempt. API keys are never shown.");

        videos.MapGet("/{id}", GetAsync)
            .WithName("GetVideo")
            .WithSummary("Get a video job.")
            .WithDescription("The job's status (`queued`, `optimizing`, `generating`, `succeeded`, `failed`, `cancelled`), the optimized " +
                             "prompt, the settings and the fields sent to the backend, the backend's job id, the result and any error. " +
                             "A malformed id gets 400, an unknown one 404.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        videos.MapGet("/{id}/content", GetContentAsync)
            .WithName("GetVideoContent")
            .WithSummary("Download a finished video.")
            .WithDescription("The stored MP4 of a succeeded job; 409 while the job has not succeeded.")
            .Produces(StatusCodes.Status200OK, contentType: "video/mp4")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        videos.MapDelete("/{id}", CancelAsync)
            .WithName("CancelVideo")
            .WithSummary("Cancel a video job.")
            .WithDescription("Marks an unfinished job `cancelled` and stops it, at the backend too where the protocol allows " +
                             "(Cog: `POST /predictions/{id}/cancel`; OpenAI: `DELETE /videos/{id}`). Cancelling a cancelled job answers it " +
                             "again; a job that already succeeded or failed gets 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Starts a video job.</summary>
    public static async Task<Results<Accepted<VideoJobResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [AsParameters] VideoCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = call.Context.Request;
        if (call.Backends.All.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No video backends are configured",
                detail: "This service renders no videos: configure at least one backend under Videos:Backends (name, protocol, base URL).");
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"Send the body as application/json; got '{request.ContentType ?? "no content type"}'.");
        }

        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (request.Headers.ContainsKey(IdempotencyKeyHeader) &&
            (key.Length is 0 or > MaxIdempotencyKeyLength || key.Any(char.IsControl)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = [$"The {IdempotencyKeyHeader} header must be 1 to {MaxIdempotencyKeyLength} printable characters."],
            });
        }

        CreateVideoRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<CreateVideoRequest>(call.Json.Value.SerializerOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            var (field, message) = JsonErrors.Describe(exception);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request body could not be read.");
        }

        if (body is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        }

        var errors = CreateVideoRequestValidator.Validate(body, call.Backends, call.Limits.Value, out var plan);
        if (errors.Count > 0 || plan is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");
        }

        var now = call.Time.GetUtcNow();
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, call.Json.Value.SerializerOptions))));
        var job = new VideoJob
        {
            Id = Guid.NewGuid().ToString("N"),
            Backend = plan.Backend.Options.Name,
            Query = plan.Query,
            Settings = plan.Settings,
            Sampling = plan.Sampling,
            IdempotencyKey = key.Length > 0 ? key : null,
            RequestDigest = digest,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (stored, created) = await call.Store.CreateAsync(job, cancellationToken);
        if (!created && stored.RequestDigest != digest)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [IdempotencyKeyHeader] = [$"This key was used for job {stored.Id} with another request; send a new key for a new request."],
            })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The idempotency key was used for another request.",
            });
        }

        if (created)
        {
            call.Telemetry.RecordCreated(stored.Backend);
            call.Worker.Enqueue(stored.Id);
        }
        else
        {
            call.Context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return TypedResults.Accepted(VideoResponses.Location(stored.Id), VideoResponses.Job(stored));
    }

    /// <summary>Lists the configured backends with their health.</summary>
    public static Ok<VideoBackendList> ListBackends([AsParameters] VideoCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TypedResults.Ok(new VideoBackendList { Data = [.. call.Backends.All.Select(VideoResponses.Backend)] });
    }

    /// <summary>Gets a job.</summary>
    public static async Task<Results<Ok<VideoJobResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, [AsParameters] VideoCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var job = await call.Store.GetAsync(id, cancellationToken);
        return job is null ? NotFound(id) : TypedResults.Ok(VideoResponses.Job(job));
    }

    /// <summary>Streams a finished job's video.</summary>
    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetContentAsync(
        string id, [AsParameters] VideoCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var job = await call.Store.GetAsync(id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        var path = job.ResultFile is null ? null : Path.Combine(call.Worker.VideoFolder, job.ResultFile);
        if (job.Status != VideoJobStatus.Succeeded || path is null || !File.Exists(path))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The video is not ready",
                detail: $"Job {id} is {job.Status.ToString().ToLowerInvariant()}; its video can be downloaded once it has succeeded.");
        }

        return TypedResults.File(File.OpenRead(path), "video/mp4", fileDownloadName: job.Id + ".mp4");
    }

    /// <summary>Cancels a job.</summary>
    public static async Task<Results<Ok<VideoJobResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id, [AsParameters] VideoCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var job = await call.Store.CancelAsync(id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        if (job.Status != VideoJobStatus.Cancelled)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The job has already ended",
                detail: $"Job {id} already {job.Status.ToString().ToLowerInvariant()}; only unfinished jobs can be cancelled.");
        }

        call.Worker.Cancel(id);
        return TypedResults.Ok(VideoResponses.Job(job));
    }

    private static ValidationProblem? BadId(string id) => JobId().IsMatch(id)
        ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["id"] = [string.Create(CultureInfo.InvariantCulture, $"A job id is 32 lower-case hex digits, as POST /videos answered; got '{(id.Length > 64 ? id[..64] + "..." : id)}'.")],
        });

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such video job",
        detail: $"There is no video job {id}.");

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex JobId();
}
