namespace Vpo.Training.Schedules;

/// <summary>The shape of the learning rate after warm-up.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Stays at the peak after warm-up (the paper's SFT schedule).</summary>
    Constant,

    /// <summary>Decays linearly from the peak towards zero (the paper's DPO schedule).</summary>
    Linear,

    /// <summary>Decays along half a cosine from the peak towards zero.</summary>
    Cosine,
}
