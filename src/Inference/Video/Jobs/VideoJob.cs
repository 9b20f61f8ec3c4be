using System.Text.Json.Nodes;
using Vpo.Inference.Generation;

namespace Vpo.Inference.Video.Jobs;

/// <summary>
/// One video job as stored: the request, where it is, and what the optimizer and the backend answered. Records are
/// replaced whole (<c>with</c>) and written back by the driver after every step, so a restart resumes from the last
/// step written.
/// </summary>
public sealed record VideoJob
{
    /// <summary>The job id (32 lower-case hex digits); also the submission id the backend sees (Cog prediction id, <c>Idempotency-Key</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The backend's configured name.</summary>
    public required string Backend { get; init; }

    /// <summary>The user's query as sent.</summary>
    public required string Query { get; init; }

    /// <summary>The generation settings (request options over query flags).</summary>
    public required VideoSettings Settings { get; init; }

    /// <summary>How the optimizer samples the prompt.</summary>
    public required SamplingOptions Sampling { get; init; }

    /// <summary>Where the job is.</summary>
    public VideoJobStatus Status { get; init; } = VideoJobStatus.Queued;

    /// <summary>The optimized prompt, once written.</summary>
    public string? Prompt { get; init; }

    /// <summary>The fields sent to the backend.</summary>
    public JsonObject? BackendRequest { get; init; }

    /// <summary>Whether the backend acknowledged the submission (later steps poll rather than submit).</summary>
    public bool Submitted { get; init; }

    /// <summary>The backend's id of the video.</summary>
    public string? BackendJobId { get; init; }

    /// <summary>When the job was first handed to the backend (bounds its wait).</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>The backend's URL of the video, when it gave an http(s) one.</summary>
    public string? ResultUrl { get; init; }

    /// <summary>The stored video's file name in the data folder's <c>videos</c> folder.</summary>
    public string? ResultFile { get; init; }

    /// <summary>The stored video's size in bytes.</summary>
    public long? ResultBytes { get; init; }

    /// <summary>Why the job failed.</summary>
    public string? Error { get; init; }

    /// <summary>The client's <c>Idempotency-Key</c>, if it sent one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A digest of the request, to refuse a reused <c>Idempotency-Key</c> with another request.</summary>
    public string? RequestDigest { get; init; }

    /// <summary>When the job was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether the job has ended (succeeded, failed or cancelled).</summary>
    public bool IsFinished => Status is VideoJobStatus.Succeeded or VideoJobStatus.Failed or VideoJobStatus.Cancelled;
}
