namespace Vpo.Training.Loops;

/// <summary>Loss on the held-out split at the end of an epoch.</summary>
/// <param name="Step">Updates done when evaluated.</param>
/// <param name="Epoch">1-based epoch just finished.</param>
/// <param name="Loss">Mean held-out loss.</param>
/// <param name="Metrics">The objective's extra metrics on the held-out split.</param>
public sealed record EvaluationMetrics(long Step, int Epoch, double Loss, IReadOnlyDictionary<string, double> Metrics);
