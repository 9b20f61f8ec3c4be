using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// What distinguishes pretraining, SFT and DPO for the shared trainer core: how a micro-batch becomes a loss.
/// </summary>
/// <typeparam name="TExample">The encoded example type.</typeparam>
public interface ITrainingObjective<TExample>
{
    /// <summary>Short name written into checkpoints ("pretrain", "sft", "dpo"); a checkpoint resumes only the same objective.</summary>
    string Name { get; }

    /// <summary>Names of the extra metrics <see cref="Compute"/> reports, in order (columns of the metrics file).</summary>
    IReadOnlyList<string> MetricNames { get; }

    /// <summary>
    /// The example's share in its update's mean loss: response tokens for SFT (Eq. 1 averages per token),
    /// 1 for a pair or a packed sequence.
    /// </summary>
    double Weight(TExample example);

    /// <summary>Runs the model on a micro-batch and returns its mean loss with the autograd graph attached.</summary>
    ObjectiveOutput Compute(nn.Module<Tensor, Tensor> model, IReadOnlyList<TExample> microBatch, Device device);
}
