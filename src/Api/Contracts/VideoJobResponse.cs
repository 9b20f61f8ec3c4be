using System.Text.Json.Nodes;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Contracts;

/// <summary>A video job: where it is, the prompt the optimizer wrote, what the backend was sent and what came back.</summary>
public sealed record VideoJobResponse
{
    /// <summary>The job id (32 hex digits); also the id the backend sees for the submission.</summary>
    /// <example>0f8fad5bd9cb469fa16570867728950e</example>
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>optimizing</c>, <c>generating</c>, then one of <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    /// <example>generating</example>
    public required VideoJobStatus Status { get; init; }

    /// <summary>The backend rendering the video.</summary>
    /// <example>cogvideox</example>
    public required string Backend { get; init; }

    /// <summary>The query as sent.</summary>
    /// <example>a corgi surfing a wave at sunset -ar 16:9</example>
    public required string Query { get; init; }

    /// <summary>The optimized prompt, once written.</summary>
    public string? Prompt { get; init; }

    /// <summary>The generation settings in effect (options over query flags).</summary>
    public required VideoOptions Parameters { get; init; }

    /// <summary>The fields the backend was (or will be) sent, in its own names.</summary>
    public JsonObject? BackendRequest { get; init; }

    /// <summary>The backend's id of the video (Cog prediction id, OpenAI video id).</summary>
    public string? BackendJobId { get; init; }

    /// <summary>The video, once the job succeeded.</summary>
    public VideoResult? Result { get; init; }

    /// <summary>Why the job failed (naming the backend, the call and the status), or why the backend cancelled it.</summary>
    public string? Error { get; init; }

    /// <summary>When the job was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Where a finished video is.</summary>
public sealed record VideoResult
{
    /// <summary>The stored video, served by this service (<c>/videos/{id}/content</c>).</summary>
    /// <example>/videos/0f8fad5bd9cb469fa16570867728950e/content</example>
    public required string File { get; init; }

    /// <summary>Its size in bytes.</summary>
    /// <example>1843200</example>
    public long? Bytes { get; init; }

    /// <summary>The backend's own URL of the video, when it gave an http(s) one.</summary>
    public string? Url { get; init; }
}
