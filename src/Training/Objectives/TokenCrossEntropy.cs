using TorchSharp;
using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>Cross-entropy restricted to the target positions a mask selects.</summary>
internal static class TokenCrossEntropy
{
    /// <summary>Mean loss of predicting each selected token from the logits one position earlier.</summary>
    public static Tensor MeanOverTargets(Tensor logits, Tensor inputIds, Tensor targetMask)
    {
        using var scope = NewDisposeScope();
        var vocabulary = logits.shape[2];
        var selected = targetMask[.., 1..].reshape(-1).to_type(ScalarType.Bool);
        var positions = selected.nonzero().reshape(-1);
        if (positions.shape[0] == 0)
        {
            throw new ArgumentException("The mask selects no target token, so the loss is undefined.", nameof(targetMask));
        }

        // Scoring only the selected rows keeps the soft-max off the (often long) masked instruction.
        var predictions = logits[.., ..^1, ..].reshape(-1, vocabulary).index_select(0, positions);
        var targets = inputIds[.., 1..].reshape(-1).index_select(0, positions);
        return nn.functional.cross_entropy(predictions, targets).MoveToOuterDisposeScope();
    }
}
