using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>Sequence log-probabilities of responses, the quantity DPO compares between policy and reference.</summary>
public static class ResponseLogProbabilities
{
    /// <summary>
    /// log p(response | prompt) per row: the log-probabilities of the response tokens, summed (not averaged).
    /// The label shift happens here.
    /// </summary>
    /// <param name="logits">Model output, [batch, time, vocabulary].</param>
    /// <param name="inputIds">The ids the model read, [batch, time].</param>
    /// <param name="responseMask">[batch, time], true on response tokens.</param>
    /// <returns>[batch] summed log-probabilities.</returns>
    public static Tensor Sum(Tensor logits, Tensor inputIds, Tensor responseMask)
    {
        ArgumentNullException.ThrowIfNull(responseMask);
        TokenShapes.Check(logits, inputIds, responseMask, nameof(responseMask));
        using var scope = NewDisposeScope();
        var predictions = logits[.., ..^1, ..];
        var targets = inputIds[.., 1..].unsqueeze(-1);
        // log_softmax(x)[y] = x[y] - logsumexp(x): avoids materialising a second [batch, time, vocabulary] tensor.
        var tokenLogProbs = predictions.gather(-1, targets).squeeze(-1) - predictions.logsumexp(-1);
        var mask = responseMask[.., 1..].to_type(ScalarType.Float32);
        return (tokenLogProbs * mask).sum(-1).MoveToOuterDisposeScope();
    }
}
