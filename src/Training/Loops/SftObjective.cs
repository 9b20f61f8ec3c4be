using Vpo.Training.Data;
using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>The paper's SFT objective (Eq. 1): loss on response tokens only, averaged per token.</summary>
/// <param name="paddingId">Id used to pad rows to the longest in a micro-batch.</param>
/// <param name="shareCommonPrefix">Read the rows' common first tokens once (<see cref="ResponseForward"/>); false only to compare.</param>
public sealed class SftObjective(int paddingId, bool shareCommonPrefix = true) : ITrainingObjective<ResponseExample>
{
    /// <inheritdoc />
    public string Name => "sft";

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames { get; } = [];

    /// <inheritdoc />
    public double Weight(ResponseExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return example.ResponseLength;
    }

    /// <inheritdoc />
    public ObjectiveOutput Compute(nn.Module<Tensor, Tensor> model, IReadOnlyList<ResponseExample> microBatch, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var forward = ResponseForward.Run(model, microBatch, paddingId, device, shareCommonPrefix);
        var batch = forward.Batch;
        return new ObjectiveOutput(SftLoss.Compute(forward.Logits, batch.InputIds, batch.ResponseMask), batch.Tokens, []);
    }
}
