using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>Pretraining: causal language modelling on packed sequences of the context length.</summary>
/// <param name="model">The model, already on <see cref="TrainerOptions.Device"/>.</param>
/// <param name="options">Run settings.</param>
/// <param name="observer">Progress receiver, or null.</param>
public sealed class PretrainLoop(nn.Module<Tensor, Tensor> model, TrainerOptions options, ITrainingObserver? observer = null)
{
    private readonly TrainerCore<int[]> _core = new(model, new PretrainObjective(), options, observer);

    /// <summary>Trains on <paramref name="train"/>, evaluating on <paramref name="eval"/> each epoch.</summary>
    public Task<TrainingRunResult> RunAsync(
        IReadOnlyList<int[]> train, IReadOnlyList<int[]> eval, string? resumeFrom = null, CancellationToken cancellationToken = default) =>
        _core.RunAsync(train, eval, resumeFrom, cancellationToken);
}
