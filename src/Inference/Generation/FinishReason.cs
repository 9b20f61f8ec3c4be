namespace Vpo.Inference.Generation;

/// <summary>Why a generation ended.</summary>
public enum FinishReason
{
    /// <summary>The model produced an end-of-sequence or end-of-turn token.</summary>
    Stop,

    /// <summary>The new-token budget (or the model's context) ran out first.</summary>
    Length,
}
