using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>
/// The SFT objective of the paper (Eq. 1): negative log-likelihood of the response given the instruction,
/// averaged over response tokens only; instruction and query tokens carry no loss.
/// </summary>
public static class SftLoss
{
    /// <summary>
    /// The mean next-token loss over response tokens. The label shift happens here.
    /// </summary>
    /// <param name="logits">Model output, [batch, time, vocabulary].</param>
    /// <param name="inputIds">The ids the model read, [batch, time].</param>
    /// <param name="responseMask">[batch, time], true where the token belongs to the response (the assistant turn and its end-of-turn token).</param>
    public static Tensor Compute(Tensor logits, Tensor inputIds, Tensor responseMask)
    {
        ArgumentNullException.ThrowIfNull(responseMask);
        TokenShapes.Check(logits, inputIds, responseMask, nameof(responseMask));
        return TokenCrossEntropy.MeanOverTargets(logits, inputIds, responseMask);
    }
}
