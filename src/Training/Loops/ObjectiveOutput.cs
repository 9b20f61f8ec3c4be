using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>The result of one micro-batch.</summary>
/// <param name="Loss">Scalar mean loss over the micro-batch (weighted as the objective defines), with its graph.</param>
/// <param name="Tokens">Real tokens the model processed (for throughput).</param>
/// <param name="Metrics">Values of the objective's extra metrics, in <see cref="ITrainingObjective{TExample}.MetricNames"/> order.</param>
public sealed record ObjectiveOutput(Tensor Loss, long Tokens, IReadOnlyList<double> Metrics);
