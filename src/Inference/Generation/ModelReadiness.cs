namespace Vpo.Inference.Generation;

/// <summary>Whether the optimizer can take traffic: the model is loaded and a warm-up generation has run.</summary>
public sealed class ModelReadiness
{
    private volatile bool _warmedUp;

    /// <summary>True once the warm-up generation has finished.</summary>
    public bool IsReady => _warmedUp;

    /// <summary>How long the warm-up generation took.</summary>
    public TimeSpan WarmUpDuration { get; private set; }

    /// <summary>Why the warm-up generation failed, if it did (the host is stopped then).</summary>
    public Exception? WarmUpFailure { get; private set; }

    internal void MarkFailed(Exception failure) => WarmUpFailure = failure;

    internal void MarkWarmedUp(TimeSpan duration)
    {
        WarmUpDuration = duration;
        _warmedUp = true;
    }
}
