namespace Vpo.Training.Loops;

/// <summary>How a run ended and what it logged.</summary>
/// <param name="Completed">True when every planned update ran; false when interrupted (Ctrl-C or <see cref="TrainerOptions.StopAfterSteps"/>).</param>
/// <param name="StepsDone">Updates done in total, including those before a resume.</param>
/// <param name="LastCheckpoint">The newest checkpoint folder, from which the run can be resumed.</param>
/// <param name="Steps">The updates of this invocation.</param>
/// <param name="Evaluations">The held-out evaluations of this invocation.</param>
public sealed record TrainingRunResult(
    bool Completed,
    long StepsDone,
    string? LastCheckpoint,
    IReadOnlyList<StepMetrics> Steps,
    IReadOnlyList<EvaluationMetrics> Evaluations);
