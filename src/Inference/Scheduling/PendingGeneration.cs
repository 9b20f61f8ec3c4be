using System.Diagnostics;
using Vpo.Inference.Generation;

namespace Vpo.Inference.Scheduling;

/// <summary>
/// A generation between its arrival and its answer. Its state moves once from waiting to either running or cancelled,
/// so a caller that cancels while it waits and the scheduler that picks it up cannot both claim it.
/// </summary>
internal sealed class PendingGeneration(int[] promptTokens, SamplingOptions options, CancellationToken cancellation)
    : BatchRow(promptTokens, cancellation)
{
    private const int Waiting = 0;
    private const int Running = 1;
    private const int Cancelled = 2;

    private int _state;

    /// <summary>The search options the generation asked for.</summary>
    public SamplingOptions Options { get; } = options;

    /// <summary>The caller's answer.</summary>
    public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When the generation entered the queue (a <see cref="Stopwatch"/> timestamp).</summary>
    public long ArrivedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>When a generator picked it up.</summary>
    public long StartedAt { get; private set; }

    /// <summary>Unhooks the caller's cancellation once the generation no longer waits.</summary>
    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>Whether the generation still waits (neither picked up nor cancelled).</summary>
    public bool IsWaiting => Volatile.Read(ref _state) == Waiting;

    /// <summary>Claims the generation for a generator run; false when its caller cancelled first.</summary>
    public bool TryStart()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Waiting) != Waiting)
        {
            return false;
        }

        StartedAt = Stopwatch.GetTimestamp();
        return true;
    }

    /// <summary>Claims the generation for cancellation while it waits; false when a generator picked it up first.</summary>
    public bool TryCancelWhileWaiting() => Interlocked.CompareExchange(ref _state, Cancelled, Waiting) == Waiting;
}
