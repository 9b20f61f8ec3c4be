namespace Vpo.Training.Presets;

/// <summary>The training stage a preset is meant for.</summary>
public enum TrainingStage
{
    /// <summary>Causal language modelling on plain text.</summary>
    Pretrain,

    /// <summary>Supervised fine-tuning (Eq. 1).</summary>
    Sft,

    /// <summary>Direct preference optimization (Eq. 2).</summary>
    Dpo,
}
