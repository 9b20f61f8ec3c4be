using Vpo.Training.Schedules;

namespace Vpo.Training.Presets;

/// <summary>
/// The paper's hyper-parameters (Appendix 9, for the 8B model on 8 GPUs) and the presets tuned for small
/// from-scratch models on a CPU (see docs/training.md for how they were chosen).
/// </summary>
public static class TrainingPresets
{
    /// <summary>SFT as in the paper: lr 2e-6, 5 epochs, constant schedule with 10% warm-up, batch 64, cut-off 2048.</summary>
    public static readonly TrainingPreset PaperSft = new(
        "paper-sft", TrainingStage.Sft, "The paper's SFT settings (LLaMA3-8B full fine-tune)",
        LearningRate: 2e-6, Epochs: 5, BatchSize: 64, MicroBatchSize: 4, LearningRateScheduleKind.Constant, WarmupRatio: 0.1,
        WeightDecay: 0.0, MaxGradientNorm: 1.0, ContextLength: 2048);

    /// <summary>DPO as in the paper: lr 5e-7, β 0.1, 1 epoch, linear schedule with 10% warm-up, batch 16.</summary>
    public static readonly TrainingPreset PaperDpo = new(
        "paper-dpo", TrainingStage.Dpo, "The paper's DPO settings (LLaMA3-8B full fine-tune)",
        LearningRate: 5e-7, Epochs: 1, BatchSize: 16, MicroBatchSize: 2, LearningRateScheduleKind.Linear, WarmupRatio: 0.1,
        WeightDecay: 0.0, MaxGradientNorm: 1.0, ContextLength: 2048, Beta: 0.1);

    /// <summary>Pretraining a small model from scratch on a CPU.</summary>
    public static readonly TrainingPreset CpuPretrain = new(
        "cpu-pretrain", TrainingStage.Pretrain, "Small from-scratch model on a CPU",
        LearningRate: 1e-3, Epochs: 1, BatchSize: 16, MicroBatchSize: 8, LearningRateScheduleKind.Cosine, WarmupRatio: 0.05,
        WeightDecay: 0.1, MaxGradientNorm: 1.0, ContextLength: 256);

    /// <summary>SFT of a small pretrained-here model on a CPU.</summary>
    public static readonly TrainingPreset CpuSft = new(
        "cpu-sft", TrainingStage.Sft, "Small model pretrained here, fine-tuned on a CPU",
        LearningRate: 3e-4, Epochs: 3, BatchSize: 16, MicroBatchSize: 8, LearningRateScheduleKind.Cosine, WarmupRatio: 0.1,
        WeightDecay: 0.01, MaxGradientNorm: 1.0, ContextLength: 512);

    /// <summary>DPO of a small SFT model on a CPU.</summary>
    public static readonly TrainingPreset CpuDpo = new(
        "cpu-dpo", TrainingStage.Dpo, "Small SFT model, preference-optimized on a CPU",
        LearningRate: 2e-5, Epochs: 1, BatchSize: 16, MicroBatchSize: 4, LearningRateScheduleKind.Linear, WarmupRatio: 0.1,
        WeightDecay: 0.0, MaxGradientNorm: 1.0, ContextLength: 512, Beta: 0.1);

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<TrainingPreset> All { get; } = [PaperSft, PaperDpo, CpuPretrain, CpuSft, CpuDpo];

    /// <summary>The presets of one stage.</summary>
    public static IEnumerable<TrainingPreset> For(TrainingStage stage) => All.Where(p => p.Stage == stage);

    /// <summary>Finds a preset of a stage by name, or explains which names exist.</summary>
    public static TrainingPreset Get(TrainingStage stage, string name)
    {
        return For(stage).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown {stage.ToString().ToLowerInvariant()} preset \"{name}\"; expected one of: {string.Join(", ", For(stage).Select(p => p.Name))}.", nameof(name));
    }
}
