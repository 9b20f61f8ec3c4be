namespace Vpo.Training.Loops;

/// <summary>What one optimizer update did.</summary>
/// <param name="Step">1-based update number over the whole run.</param>
/// <param name="Epoch">1-based epoch the update belongs to.</param>
/// <param name="LearningRate">The rate this update used.</param>
/// <param name="Loss">Mean training loss of the update's examples.</param>
/// <param name="GradientNorm">Global L2 norm of the gradients before clipping.</param>
/// <param name="Tokens">Real tokens processed by the update.</param>
/// <param name="TokensPerSecond">Training throughput of the update (forward, backward and optimizer step).</param>
/// <param name="Metrics">The objective's extra metrics by name (DPO: reward accuracy, rewards, margin).</param>
public sealed record StepMetrics(
    long Step,
    int Epoch,
    double LearningRate,
    double Loss,
    double GradientNorm,
    long Tokens,
    double TokensPerSecond,
    IReadOnlyDictionary<string, double> Metrics);
