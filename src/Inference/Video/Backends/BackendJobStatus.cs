namespace Vpo.Inference.Video.Backends;

/// <summary>Where a backend says a video is, in the backend's own terms mapped to four.</summary>
public enum BackendJobStatus
{
    /// <summary>Queued or rendering at the backend.</summary>
    Running,

    /// <summary>Rendered; the result can be fetched.</summary>
    Succeeded,

    /// <summary>The backend gave up on it.</summary>
    Failed,

    /// <summary>Cancelled at the backend.</summary>
    Cancelled,
}
