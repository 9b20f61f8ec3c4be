using Vpo.Training.Loops;

namespace Vpo.Training.Tests.Support;

/// <summary>An observer whose reactions tests plug in.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public Action<StepMetrics>? Stepped { get; init; }

    public Action<string, long>? Checkpointed { get; init; }

    public TrainingPlan? Plan { get; private set; }

    public void OnStart(TrainingPlan plan) => Plan = plan;

    public void OnStep(StepMetrics metrics) => Stepped?.Invoke(metrics);

    public void OnEvaluation(EvaluationMetrics metrics)
    {
    }

    public void OnCheckpoint(string directory, long step) => Checkpointed?.Invoke(directory, step);
}
