using Vpo.Training.Data;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>Supervised fine-tuning (Eq. 1): learns to answer the VPO instruction with the reference prompt.</summary>
/// <param name="model">The model, already on <see cref="TrainerOptions.Device"/>.</param>
/// <param name="options">Run settings.</param>
/// <param name="observer">Progress receiver, or null.</param>
public sealed class SftLoop(nn.Module<Tensor, Tensor> model, TrainerOptions options, ITrainingObserver? observer = null)
{
    private readonly TrainerCore<ResponseExample> _core = new(model, new SftObjective(options.PaddingId), options, observer);

    /// <summary>Trains on <paramref name="train"/>, evaluating on <paramref name="eval"/> each epoch.</summary>
    public Task<TrainingRunResult> RunAsync(
        IReadOnlyList<ResponseExample> train, IReadOnlyList<ResponseExample> eval, string? resumeFrom = null, CancellationToken cancellationToken = default) =>
        _core.RunAsync(train, eval, resumeFrom, cancellationToken);
}
