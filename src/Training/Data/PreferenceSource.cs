namespace Vpo.Training.Data;

/// <summary>The feedback that produced a preference pair (the paper's two kinds).</summary>
public enum PreferenceSource
{
    /// <summary>Text-level feedback: chosen is the LLM-refined prompt, rejected the sampled one.</summary>
    Text,

    /// <summary>Video-level feedback: both prompts were rendered and ranked by a video reward model.</summary>
    Video,
}
