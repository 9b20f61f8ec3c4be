using Vpo.Training.Data;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// Direct preference optimization (Eq. 2). The policy starts as the SFT model and the reference is that same
/// frozen SFT model, so the reference log-probabilities are computed from the policy before its first update
/// and kept in the run folder (<see cref="ReferenceCache"/>); a resumed run reads them back.
/// </summary>
public sealed class DpoLoop
{
    private readonly nn.Module<Tensor, Tensor> _policy;
    private readonly TrainerOptions _options;
    private readonly TrainerCore<ScoredPreference> _core;

    /// <summary>Creates the loop.</summary>
    /// <param name="policy">The SFT model to optimize, already on <see cref="TrainerOptions.Device"/>.</param>
    /// <param name="options">Run settings.</param>
    /// <param name="beta">DPO β (the paper: 0.1).</param>
    /// <param name="observer">Progress receiver, or null.</param>
    /// <param name="rpoAlpha">Weight of the chosen prompts' NLL added to the loss (RPO); 0, the default, is plain DPO.</param>
    public DpoLoop(nn.Module<Tensor, Tensor> policy, TrainerOptions options, double beta, ITrainingObserver? observer = null, double rpoAlpha = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(rpoAlpha >= 0) || double.IsInfinity(rpoAlpha))
        {
            throw new ArgumentOutOfRangeException(nameof(rpoAlpha), rpoAlpha, "The RPO weight must be zero or a positive number.");
        }

        _policy = policy;
        _options = options;
        _core = new TrainerCore<ScoredPreference>(policy, new DpoObjective(beta, options.PaddingId, rpoAlpha), options, observer);
    }

    /// <summary>Trains on <paramref name="train"/>, evaluating on <paramref name="eval"/> each epoch.</summary>
    public async Task<TrainingRunResult> RunAsync(
        IReadOnlyList<PreferenceExample> train, IReadOnlyList<PreferenceExample> eval, string? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        var cachePath = Path.Combine(_options.OutputDirectory, ReferenceCache.FileName);
        IReadOnlyList<ScoredPreference> scoredTrain;
        IReadOnlyList<ScoredPreference> scoredEval;
        if (resumeFrom is null)
        {
            scoredTrain = ReferenceScorer.Score(_policy, train, _options.MicroBatchSize, _options.PaddingId, _options.Device);
            scoredEval = ReferenceScorer.Score(_policy, eval, _options.MicroBatchSize, _options.PaddingId, _options.Device);
            await ReferenceCache.WriteAsync(cachePath, scoredTrain, scoredEval, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (scoredTrain, scoredEval) = await ReferenceCache.ReadAsync(cachePath, train, eval, cancellationToken).ConfigureAwait(false);
        }

        return await _core.RunAsync(scoredTrain, scoredEval, resumeFrom, cancellationToken).ConfigureAwait(false);
    }
}
