using Vpo.Training.Loops;

namespace Vpo.Training.Reporting;

/// <summary>Writes every update and evaluation of a run to its metrics file.</summary>
/// <param name="path">The metrics file (appended to when it exists).</param>
public sealed class MetricsCsvObserver(string path) : ITrainingObserver, IDisposable
{
    private MetricsCsvWriter? _writer;

    /// <summary>The metrics file.</summary>
    public string Path => path;

    /// <inheritdoc />
    public void OnStart(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _writer?.Dispose();
        _writer = new MetricsCsvWriter(path, plan.MetricNames);
    }

    /// <inheritdoc />
    public void OnStep(StepMetrics metrics) => _writer?.Write(metrics);

    /// <inheritdoc />
    public void OnEvaluation(EvaluationMetrics metrics) => _writer?.Write(metrics);

    /// <inheritdoc />
    public void OnCheckpoint(string directory, long step)
    {
    }

    /// <inheritdoc />
    public void Dispose() => _writer?.Dispose();
}
