using TorchSharp;
using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>Next-token cross-entropy over every position of a (packed) sequence, for pretraining.</summary>
public static class CausalLmLoss
{
    /// <summary>
    /// The mean next-token loss. The label shift happens here: the logits at position t are scored against
    /// the token at t + 1, so callers pass the model's input ids unchanged.
    /// </summary>
    /// <param name="logits">Model output, [batch, time, vocabulary].</param>
    /// <param name="inputIds">The ids the model read, [batch, time].</param>
    /// <param name="attentionMask">Optional [batch, time] mask of real (non-padding) tokens; padded targets are skipped.</param>
    public static Tensor Compute(Tensor logits, Tensor inputIds, Tensor? attentionMask = null)
    {
        TokenShapes.Check(logits, inputIds, attentionMask, nameof(attentionMask));
        if (attentionMask is null)
        {
            using var scope = NewDisposeScope();
            var vocabulary = logits.shape[2];
            var predictions = logits[.., ..^1, ..].reshape(-1, vocabulary);
            var targets = inputIds[.., 1..].reshape(-1);
            return nn.functional.cross_entropy(predictions, targets).MoveToOuterDisposeScope();
        }

        return TokenCrossEntropy.MeanOverTargets(logits, inputIds, attentionMask);
    }
}
