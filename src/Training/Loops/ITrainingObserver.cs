namespace Vpo.Training.Loops;

/// <summary>Receives progress from a running trainer (progress bars, metrics files). Called on the training thread.</summary>
public interface ITrainingObserver
{
    /// <summary>The run is about to start its first (or first resumed) update.</summary>
    void OnStart(TrainingPlan plan);

    /// <summary>An update finished.</summary>
    void OnStep(StepMetrics metrics);

    /// <summary>The held-out split was evaluated at the end of an epoch.</summary>
    void OnEvaluation(EvaluationMetrics metrics);

    /// <summary>A checkpoint was written.</summary>
    void OnCheckpoint(string directory, long step);
}
