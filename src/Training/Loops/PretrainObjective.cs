using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>Causal language modelling on packed, equal-length sequences.</summary>
public sealed class PretrainObjective : ITrainingObjective<int[]>
{
    /// <inheritdoc />
    public string Name => "pretrain";

    /// <inheritdoc />
    public IReadOnlyList<string> MetricNames { get; } = [];

    /// <inheritdoc />
    public double Weight(int[] example) => 1.0;

    /// <inheritdoc />
    public ObjectiveOutput Compute(nn.Module<Tensor, Tensor> model, IReadOnlyList<int[]> microBatch, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(microBatch);
        var length = microBatch[0].Length;
        var ids = new long[microBatch.Count * length];
        for (var row = 0; row < microBatch.Count; row++)
        {
            if (microBatch[row].Length != length)
            {
                throw new ArgumentException("Packed pretraining sequences must all have the same length.", nameof(microBatch));
            }

            for (var t = 0; t < length; t++)
            {
                ids[(row * length) + t] = microBatch[row][t];
            }
        }

        using var inputIds = tensor(ids, [microBatch.Count, length], ScalarType.Int64, device);
        using var logits = model.forward(inputIds);
        return new ObjectiveOutput(CausalLmLoss.Compute(logits, inputIds), ids.Length, []);
    }
}
