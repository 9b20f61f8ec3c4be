using Vpo.Training.Data;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// Computes the frozen reference model's log-probabilities once, before DPO starts, so the reference needs
/// no memory or compute during training.
/// </summary>
public static class ReferenceScorer
{
    /// <summary>Scores every pair with <paramref name="reference"/> (no gradients, evaluation mode).</summary>
    public static IReadOnlyList<ScoredPreference> Score(
        nn.Module<Tensor, Tensor> reference, IReadOnlyList<PreferenceExample> pairs, int microBatchSize, int paddingId, Device device)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(microBatchSize, 1);
        var wasTraining = reference.training;
        reference.eval();
        try
        {
            using var noGrad = no_grad();
            var scored = new List<ScoredPreference>(pairs.Count);
            foreach (var chunk in pairs.Chunk(microBatchSize))
            {
                using var scope = NewDisposeScope();
                var (chosen, rejected) = DpoObjective.PolicyLogProbabilities(reference, chunk, paddingId, device, out _);
                var chosenValues = chosen.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
                var rejectedValues = rejected.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
                for (var i = 0; i < chunk.Length; i++)
                {
                    scored.Add(new ScoredPreference(chunk[i], chosenValues[i], rejectedValues[i]));
                }
            }

            return scored;
        }
        finally
        {
            reference.train(wasTraining);
        }
    }
}
