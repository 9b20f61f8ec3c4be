namespace Vpo.Training.Loops;

/// <summary>Forwards progress to several observers in order.</summary>
/// <param name="observers">The receivers.</param>
public sealed class CompositeTrainingObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnStart(TrainingPlan plan)
    {
        foreach (var observer in observers)
        {
            observer.OnStart(plan);
        }
    }

    /// <inheritdoc />
    public void OnStep(StepMetrics metrics)
    {
        foreach (var observer in observers)
        {
            observer.OnStep(metrics);
        }
    }

    /// <inheritdoc />
    public void OnEvaluation(EvaluationMetrics metrics)
    {
        foreach (var observer in observers)
        {
            observer.OnEvaluation(metrics);
        }
    }

    /// <inheritdoc />
    public void OnCheckpoint(string directory, long step)
    {
        foreach (var observer in observers)
        {
            observer.OnCheckpoint(directory, step);
        }
    }
}
