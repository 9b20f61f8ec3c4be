using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>Shape checks shared by the losses, so a mismatch names the tensor instead of failing inside libtorch.</summary>
internal static class TokenShapes
{
    public static void Check(Tensor logits, Tensor inputIds, Tensor? mask, string maskName)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(inputIds);
        if (logits.dim() != 3)
        {
            throw new ArgumentException($"logits must be [batch, time, vocabulary]; got [{string.Join(", ", logits.shape)}].", nameof(logits));
        }

        if (inputIds.dim() != 2 || inputIds.shape[0] != logits.shape[0] || inputIds.shape[1] != logits.shape[1])
        {
            throw new ArgumentException(
                $"inputIds must be [{logits.shape[0]}, {logits.shape[1]}] to match the logits; got [{string.Join(", ", inputIds.shape)}].",
                nameof(inputIds));
        }

        if (logits.shape[1] < 2)
        {
            throw new ArgumentException("A sequence needs at least two tokens to predict one from the other.", nameof(inputIds));
        }

        if (mask is not null && (mask.dim() != 2 || mask.shape[0] != inputIds.shape[0] || mask.shape[1] != inputIds.shape[1]))
        {
            throw new ArgumentException(
                $"{maskName} must be [{inputIds.shape[0]}, {inputIds.shape[1]}] like inputIds; got [{string.Join(", ", mask.shape)}].",
                maskName);
        }
    }
}
