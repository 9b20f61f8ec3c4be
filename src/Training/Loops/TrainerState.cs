namespace Vpo.Training.Loops;

/// <summary>
/// Where a run stands, saved as JSON beside the weights and optimizer state of a checkpoint. Together with
/// the seeded data order it is all a resumed run needs to repeat the uninterrupted run's updates exactly.
/// </summary>
/// <param name="FormatVersion">Version of this record's layout.</param>
/// <param name="Objective">The objective that wrote it.</param>
/// <param name="GlobalStep">Updates done.</param>
/// <param name="Epoch">0-based epoch the next update belongs to.</param>
/// <param name="StepInEpoch">0-based index of the next update within its epoch (the data cursor).</param>
/// <param name="TotalSteps">Updates planned for the whole run.</param>
/// <param name="TrainExamples">Training examples per epoch.</param>
/// <param name="BatchSize">Examples per update.</param>
/// <param name="Seed">Seed of the data order.</param>
public sealed record TrainerState(
    int FormatVersion,
    string Objective,
    long GlobalStep,
    int Epoch,
    long StepInEpoch,
    long TotalSteps,
    int TrainExamples,
    int BatchSize,
    int Seed)
{
    /// <summary>The current layout version.</summary>
    public const int CurrentFormatVersion = 1;
}
