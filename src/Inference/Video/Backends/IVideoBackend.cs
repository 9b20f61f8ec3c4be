using System.Text.Json.Nodes;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// One configured video backend. Every call is safe to repeat: a submission carries a client-chosen id (Cog's
/// prediction id, an <c>Idempotency-Key</c>) so that a retried or resumed submission never renders a second video.
/// </summary>
public interface IVideoBackend
{
    /// <summary>The configured name, as clients pick it in <c>POST /videos</c>.</summary>
    string Name { get; }

    /// <summary>The wire protocol.</summary>
    VideoBackendProtocol Protocol { get; }

    /// <summary>Settings this backend cannot honour, keyed by the option's name (<c>aspect_ratio</c>, <c>seconds</c>), with what it accepts.</summary>
    IReadOnlyDictionary<string, string> Check(VideoParameters parameters);

    /// <summary>The request fields the backend receives for <paramref name="parameters"/>, as shown on the job.</summary>
    JsonObject Fields(VideoParameters parameters);

    /// <summary>The backend's id for a submission with <paramref name="submissionId"/>, when the client chooses it (Cog); else null.</summary>
    string? BackendJobIdFor(string submissionId);

    /// <summary>Submits (or, with the same <paramref name="submissionId"/>, re-attaches to) the video.</summary>
    /// <exception cref="VideoBackendException">The backend refused or could not be reached after retries.</exception>
    Task<BackendJobState> SubmitAsync(VideoParameters parameters, string submissionId, CancellationToken cancellationToken);

    /// <summary>The video's current state.</summary>
    /// <exception cref="VideoBackendException">The backend could not be reached after retries, or answered nonsense.</exception>
    Task<BackendJobState> PollAsync(VideoParameters parameters, string submissionId, string backendJobId, CancellationToken cancellationToken);

    /// <summary>Asks the backend to stop rendering the video (best effort; protocols without a cancel do what they can).</summary>
    Task CancelAsync(string backendJobId, CancellationToken cancellationToken);

    /// <summary>Writes the finished video to <paramref name="path"/>; returns its size in bytes.</summary>
    /// <exception cref="VideoBackendException">The video could not be fetched.</exception>
    Task<long> SaveAsync(BackendJobState finished, string path, CancellationToken cancellationToken);
}
