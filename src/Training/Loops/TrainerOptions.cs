using Vpo.Training.Schedules;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// Settings of one training run shared by pretraining, SFT and DPO. <see cref="Validate"/> runs before any
/// work starts, so a bad value fails with the option's name instead of deep inside a step.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Peak learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Passes over the training examples.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Examples per optimizer update (the paper's "batch size").</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Examples per forward/backward pass; gradients of the micro-batches of one update are accumulated.</summary>
    public int MicroBatchSize { get; init; } = 8;

    /// <summary>Decoupled AdamW weight decay, applied to matrices and embeddings (not to norms or biases).</summary>
    public double WeightDecay { get; init; }

    /// <summary>AdamW β1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Shape of the learning rate after warm-up.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Share of all updates spent warming up, 0 to 1.</summary>
    public double WarmupRatio { get; init; }

    /// <summary>Global L2 norm the gradients are clipped to; 0 disables clipping (the norm is still logged).</summary>
    public double MaxGradientNorm { get; init; } = 1.0;

    /// <summary>Seed of the data order (and of the held-out split chosen by callers).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Stops after this many updates in total, with a checkpoint, as if interrupted; the schedule stays that of the full run.</summary>
    public long? StopAfterSteps { get; init; }

    /// <summary>Folder of the run: checkpoints go to its <c>checkpoints</c> sub-folder, the final model to <c>model</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>How many of the newest checkpoints are kept; older ones are deleted.</summary>
    public int KeepCheckpoints { get; init; } = 2;

    /// <summary>The device the model lives on; batches are created there.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>Token id used to pad batches (masked out of every loss).</summary>
    public int PaddingId { get; init; }

    /// <summary>How model weights are written to and read from checkpoint folders.</summary>
    public IModelStore ModelStore { get; init; } = new TorchSharpModelStore();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive number");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(MicroBatchSize >= 1 && MicroBatchSize <= BatchSize, nameof(MicroBatchSize), MicroBatchSize, $"between 1 and the batch size ({BatchSize})");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "0 or more");
        Require(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "in [0, 1)");
        Require(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "in [0, 1)");
        Require(Epsilon > 0, nameof(Epsilon), Epsilon, "a positive number");
        Require(WarmupRatio is >= 0 and <= 1, nameof(WarmupRatio), WarmupRatio, "between 0 and 1");
        Require(MaxGradientNorm >= 0 && !double.IsNaN(MaxGradientNorm), nameof(MaxGradientNorm), MaxGradientNorm, "0 (no clipping) or more");
        Require(StopAfterSteps is null or >= 1, nameof(StopAfterSteps), StopAfterSteps ?? 0, "at least 1 when set");
        Require(!string.IsNullOrWhiteSpace(OutputDirectory), nameof(OutputDirectory), OutputDirectory, "a folder path");
        Require(KeepCheckpoints >= 1, nameof(KeepCheckpoints), KeepCheckpoints, "at least 1");
        Require(PaddingId >= 0, nameof(PaddingId), PaddingId, "a token id (0 or more)");
    }

    private static void Require(bool valid, string name, object value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"{name} is {value}; expected {expected}.", name);
        }
    }
}
