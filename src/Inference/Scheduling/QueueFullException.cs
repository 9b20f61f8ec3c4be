namespace Vpo.Inference.Scheduling;

/// <summary>The generation queue is full; the caller should retry after <see cref="RetryAfter"/>.</summary>
public sealed class QueueFullException(int capacity, TimeSpan retryAfter)
    : Exception($"The generation queue is full ({capacity} waiting); retry after {retryAfter.TotalSeconds:F0} s.")
{
    /// <summary>The queue capacity that was reached.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>How long the caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
