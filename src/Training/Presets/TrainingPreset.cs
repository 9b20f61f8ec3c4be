using Vpo.Training.Schedules;

namespace Vpo.Training.Presets;

/// <summary>A named set of hyper-parameters; any command-line option given explicitly overrides its value.</summary>
/// <param name="Name">The name used with <c>--preset</c>.</param>
/// <param name="Stage">The command the preset belongs to.</param>
/// <param name="Description">Where the values come from.</param>
/// <param name="LearningRate">Peak learning rate.</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="BatchSize">Examples per optimizer update.</param>
/// <param name="MicroBatchSize">Examples per forward/backward pass.</param>
/// <param name="Schedule">Learning-rate shape after warm-up.</param>
/// <param name="WarmupRatio">Share of updates spent warming up.</param>
/// <param name="WeightDecay">AdamW decoupled weight decay.</param>
/// <param name="MaxGradientNorm">Gradient clipping norm (0: off).</param>
/// <param name="ContextLength">Longest sequence in tokens.</param>
/// <param name="Beta">DPO β (DPO presets only).</param>
public sealed record TrainingPreset(
    string Name,
    TrainingStage Stage,
    string Description,
    double LearningRate,
    int Epochs,
    int BatchSize,
    int MicroBatchSize,
    LearningRateScheduleKind Schedule,
    double WarmupRatio,
    double WeightDecay,
    double MaxGradientNorm,
    int ContextLength,
    double? Beta = null);
