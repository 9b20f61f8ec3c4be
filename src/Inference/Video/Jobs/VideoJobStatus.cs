namespace Vpo.Inference.Video.Jobs;

/// <summary>Where a video job is. The last three are final.</summary>
public enum VideoJobStatus
{
    /// <summary>Stored, waiting for a driver.</summary>
    Queued,

    /// <summary>The optimizer is writing the prompt.</summary>
    Optimizing,

    /// <summary>Submitted to (or being submitted to) the backend, which is rendering.</summary>
    Generating,

    /// <summary>The video is stored.</summary>
    Succeeded,

    /// <summary>The backend failed it, or it could not be reached after retries; see the error.</summary>
    Failed,

    /// <summary>Cancelled by <c>DELETE /videos/{id}</c>.</summary>
    Cancelled,
}
