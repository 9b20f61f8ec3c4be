namespace Vpo.Inference.Scheduling;

/// <summary>
/// The service is shutting down and takes no more generations; the caller should retry after
/// <see cref="RetryAfter"/>, on another replica.
/// </summary>
public sealed class ServiceStoppingException(TimeSpan retryAfter)
    : Exception($"The optimizer is shutting down; retry after {retryAfter.TotalSeconds:F0} s.")
{
    /// <summary>How long the caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
