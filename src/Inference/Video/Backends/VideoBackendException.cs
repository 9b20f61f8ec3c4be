namespace Vpo.Inference.Video.Backends;

/// <summary>A call to a video backend failed after its resilience policy gave up, or the backend answered nonsense.</summary>
/// <param name="message">What went wrong, naming the backend, the call and the status or field concerned.</param>
/// <param name="transient">
/// Whether the same call may succeed if repeated later (a malformed answer, a busy backend); calls are idempotent, so
/// the job driver repeats them a few times.
/// </param>
/// <param name="innerException">The underlying failure, if any.</param>
public sealed class VideoBackendException(string message, bool transient = false, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Whether repeating the call later may succeed.</summary>
    public bool Transient { get; } = transient;
}
