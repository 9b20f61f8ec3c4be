namespace Vpo.Inference.Video.Backends;

/// <summary>A backend's answer about one video.</summary>
/// <param name="BackendJobId">The backend's id of the video (prediction id, video id).</param>
/// <param name="Status">Running, succeeded, failed or cancelled.</param>
/// <param name="Output">Where the finished video is: an http(s) URL, a <c>data:</c> URI, or null when the backend serves it by id.</param>
/// <param name="Error">The backend's error message, when it failed the video.</param>
public sealed record BackendJobState(string BackendJobId, BackendJobStatus Status, string? Output = null, string? Error = null);
