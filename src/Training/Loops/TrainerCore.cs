using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using Vpo.Training.Schedules;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// The loop shared by pretraining, SFT and DPO: seeded data order, AdamW, learning-rate schedule, gradient
/// accumulation and clipping, held-out evaluation and a checkpoint at the end of every epoch, and a clean
/// stop with a checkpoint on cancellation. Resuming from a checkpoint repeats the uninterrupted run's updates.
/// </summary>
/// <typeparam name="TExample">The encoded example type of the objective.</typeparam>
public sealed class TrainerCore<TExample>
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly ITrainingObjective<TExample> _objective;
    private readonly TrainerOptions _options;
    private readonly ITrainingObserver? _observer;

    /// <summary>Creates a trainer for a model that already lives on <see cref="TrainerOptions.Device"/>.</summary>
    public TrainerCore(nn.Module<Tensor, Tensor> model, ITrainingObjective<TExample> objective, TrainerOptions options, ITrainingObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _objective = objective;
        _options = options;
        _observer = observer;
    }

    /// <summary>The folder the run's checkpoints are written to.</summary>
    public string CheckpointsDirectory => Path.Combine(_options.OutputDirectory, "checkpoints");

    /// <summary>
    /// Trains until every planned update ran, <see cref="TrainerOptions.StopAfterSteps"/> is reached or
    /// <paramref name="cancellationToken"/> fires; the last two end with a checkpoint and an incomplete result.
    /// </summary>
    /// <param name="train">Training examples.</param>
    /// <param name="eval">Held-out examples, evaluated at the end of each epoch (may be empty).</param>
    /// <param name="resumeFrom">A checkpoint folder of an earlier run with the same data and options, or null.</param>
    /// <param name="cancellationToken">Stops the run cleanly (Ctrl-C).</param>
    public async Task<TrainingRunResult> RunAsync(
        IReadOnlyList<TExample> train,
        IReadOnlyList<TExample> eval,
        string? resumeFrom = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        if (train.Count == 0)
        {
            throw new ArgumentException("There are no training examples.", nameof(train));
        }

        var stepsPerEpoch = (train.Count + _options.BatchSize - 1) / _options.BatchSize;
        var totalSteps = (long)stepsPerEpoch * _options.Epochs;
        var warmupSteps = LearningRateSchedule.WarmupSteps(_options.WarmupRatio, totalSteps);
        var state = new TrainerState(TrainerState.CurrentFormatVersion, _objective.Name, 0, 0, 0, totalSteps, train.Count, _options.BatchSize, _options.Seed);

        using var optimizer = CreateOptimizer();
        if (resumeFrom is not null)
        {
            var saved = await TrainingCheckpoint.ReadStateAsync(resumeFrom, cancellationToken).ConfigureAwait(false);
            EnsureSameRun(resumeFrom, saved, state);
            TrainingCheckpoint.Restore(resumeFrom, _model, optimizer, _options.ModelStore);
            state = saved;
        }

        _observer?.OnStart(new TrainingPlan(_objective.Name, train.Count, eval.Count, stepsPerEpoch, totalSteps, warmupSteps, state.GlobalStep, _objective.MetricNames));
        var steps = new List<StepMetrics>();
        var evaluations = new List<EvaluationMetrics>();
        var lastCheckpoint = resumeFrom;
        var trainable = _model.parameters().Where(p => p.requires_grad).ToList();

        for (var epoch = state.Epoch; epoch < _options.Epochs; epoch++)
        {
            var order = EpochOrder(train.Count, _options.Seed, epoch);
            for (var stepInEpoch = epoch == state.Epoch ? state.StepInEpoch : 0; stepInEpoch < stepsPerEpoch; stepInEpoch++)
            {
                var position = state with { Epoch = epoch, StepInEpoch = stepInEpoch };
                if (cancellationToken.IsCancellationRequested)
                {
                    lastCheckpoint = await CheckpointAsync(position, optimizer).ConfigureAwait(false);
                    return new TrainingRunResult(false, position.GlobalStep, lastCheckpoint, steps, evaluations);
                }

                var batch = order
                    .Skip((int)(stepInEpoch * _options.BatchSize))
                    .Take(_options.BatchSize)
                    .Select(i => train[i])
                    .ToList();
                var learningRate = LearningRateSchedule.At(_options.Schedule, _options.LearningRate, state.GlobalStep, totalSteps, warmupSteps);
                var metrics = Update(batch, optimizer, trainable, learningRate, state.GlobalStep + 1, epoch + 1, cancellationToken);
                if (metrics is null)
                {
                    // Cancelled between micro-batches: the half-accumulated update is dropped, so the checkpoint
                    // holds the state before it and a resumed run repeats it in full.
                    lastCheckpoint = await CheckpointAsync(position, optimizer).ConfigureAwait(false);
                    return new TrainingRunResult(false, position.GlobalStep, lastCheckpoint, steps, evaluations);
                }

                steps.Add(metrics);
                _observer?.OnStep(metrics);
                state = position with { GlobalStep = position.GlobalStep + 1, StepInEpoch = stepInEpoch + 1 };

                var endOfEpoch = stepInEpoch + 1 == stepsPerEpoch;
                if (!endOfEpoch && _options.StopAfterSteps is { } stop && state.GlobalStep >= stop)
                {
                    lastCheckpoint = await CheckpointAsync(state, optimizer).ConfigureAwait(false);
                    return new TrainingRunResult(false, state.GlobalStep, lastCheckpoint, steps, evaluations);
                }
            }

            if (eval.Count > 0)
            {
                var evaluation = Evaluate(eval, state.GlobalStep, epoch + 1);
                evaluations.Add(evaluation);
                _observer?.OnEvaluation(evaluation);
            }

            state = state with { Epoch = epoch + 1, StepInEpoch = 0 };
            lastCheckpoint = await CheckpointAsync(state, optimizer).ConfigureAwait(false);
            if (epoch + 1 < _options.Epochs && _options.StopAfterSteps is { } stopAtEpoch && state.GlobalStep >= stopAtEpoch)
            {
                return new TrainingRunResult(false, state.GlobalStep, lastCheckpoint, steps, evaluations);
            }
        }

        return new TrainingRunResult(true, state.GlobalStep, lastCheckpoint, steps, evaluations);
    }

    /// <summary>Mean loss and metrics of the model on <paramref name="examples"/>, without gradients.</summary>
    public EvaluationMetrics Evaluate(IReadOnlyList<TExample> examples, long step, int epoch)
    {
        ArgumentNullException.ThrowIfNull(examples);
        _model.eval();
        using var noGrad = no_grad();
        var totalWeight = examples.Sum(_objective.Weight);
        double loss = 0;
        var metricSums = new double[_objective.MetricNames.Count];
        foreach (var chunk in examples.Chunk(_options.MicroBatchSize))
        {
            using var scope = NewDisposeScope();
            var output = _objective.Compute(_model, chunk, _options.Device);
            var share = chunk.Sum(_objective.Weight) / totalWeight;
            loss += output.Loss.to_type(ScalarType.Float64).item<double>() * share;
            for (var m = 0; m < metricSums.Length; m++)
            {
                metricSums[m] += output.Metrics[m] * share;
            }
        }

        return new EvaluationMetrics(step, epoch, loss, NameMetrics(metricSums));
    }

    private StepMetrics? Update(
        IReadOnlyList<TExample> batch,
        optim.Optimizer optimizer,
        IReadOnlyList<Parameter> trainable,
        double learningRate,
        long step,
        int epoch,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        _model.train();
        optimizer.zero_grad();
        var totalWeight = batch.Sum(_objective.Weight);
        double loss = 0;
        long tokens = 0;
        var metricSums = new double[_objective.MetricNames.Count];
        foreach (var microBatch in batch.Chunk(_options.MicroBatchSize))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                optimizer.zero_grad();
                return null;
            }

            using var scope = NewDisposeScope();
            var output = _objective.Compute(_model, microBatch, _options.Device);
            // Each micro-batch's mean is scaled by its share of the update's weight, so the accumulated
            // gradient is that of the mean over the whole update (per token for SFT, per pair for DPO).
            var share = microBatch.Sum(_objective.Weight) / totalWeight;
            (output.Loss * share).backward();
            loss += output.Loss.to_type(ScalarType.Float64).item<double>() * share;
            tokens += output.Tokens;
            for (var m = 0; m < metricSums.Length; m++)
            {
                metricSums[m] += output.Metrics[m] * share;
            }
        }

        // An infinite limit measures the norm without changing the gradients.
        var maxNorm = _options.MaxGradientNorm > 0 ? _options.MaxGradientNorm : double.PositiveInfinity;
        var gradientNorm = nn.utils.clip_grad_norm_(trainable, maxNorm);
        optimizer.step();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new StepMetrics(step, epoch, learningRate, loss, gradientNorm, tokens, tokens / Math.Max(seconds, 1e-9), NameMetrics(metricSums));
    }

    private Dictionary<string, double> NameMetrics(double[] values)
    {
        var named = new Dictionary<string, double>(values.Length);
        for (var m = 0; m < values.Length; m++)
        {
            named[_objective.MetricNames[m]] = values[m];
        }

        return named;
    }

    private async Task<string> CheckpointAsync(TrainerState state, optim.Optimizer optimizer)
    {
        // Saving is not cancellable: it is what a cancellation asks for.
        var directory = await TrainingCheckpoint.SaveAsync(CheckpointsDirectory, state, _model, optimizer, _options.ModelStore, CancellationToken.None).ConfigureAwait(false);
        TrainingCheckpoint.Prune(CheckpointsDirectory, _options.KeepCheckpoints);
        _observer?.OnCheckpoint(directory, state.GlobalStep);
        return directory;
    }

    private AdamW CreateOptimizer()
    {
        // Weight decay on matrices and embeddings only: decaying norm gains and biases towards zero hurts.
        var parameters = _model.parameters().Where(p => p.requires_grad).ToList();
        if (parameters.Count == 0)
        {
            throw new InvalidOperationException("The model has no trainable parameters.");
        }

        var decayed = parameters.Where(p => p.dim() >= 2).ToList();
        var notDecayed = parameters.Where(p => p.dim() < 2).ToList();
        var groups = new List<AdamW.ParamGroup>();
        if (decayed.Count > 0)
        {
            groups.Add(new AdamW.ParamGroup(decayed, _options.LearningRate, _options.Beta1, _options.Beta2, _options.Epsilon, _options.WeightDecay, false, false));
        }

        if (notDecayed.Count > 0)
        {
            groups.Add(new AdamW.ParamGroup(notDecayed, _options.LearningRate, _options.Beta1, _options.Beta2, _options.Epsilon, 0.0, false, false));
        }

        return new AdamW(groups, _options.LearningRate, _options.Beta1, _options.Beta2, _options.Epsilon, _options.WeightDecay);
    }

    private static void EnsureSameRun(string checkpoint, TrainerState saved, TrainerState planned)
    {
        void Same<T>(string what, T savedValue, T plannedValue)
        {
            if (!EqualityComparer<T>.Default.Equals(savedValue, plannedValue))
            {
                throw new InvalidOperationException(
                    $"Cannot resume from {checkpoint}: it was written with {what} = {savedValue}, but this run has {plannedValue}. " +
                    "Resume with the same data and training options.");
            }
        }

        Same("objective", saved.Objective, planned.Objective);
        Same("training examples", saved.TrainExamples, planned.TrainExamples);
        Same("batch size", saved.BatchSize, planned.BatchSize);
        Same("seed", saved.Seed, planned.Seed);
        Same("total steps", saved.TotalSteps, planned.TotalSteps);
    }

    /// <summary>The order examples are visited in during an epoch: a shuffle that depends only on seed and epoch.</summary>
    internal static int[] EpochOrder(int count, int seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(unchecked((seed * 1_000_003) + epoch)).Shuffle(order);
        return order;
    }
}
