using System.Text.Json.Serialization;

namespace Vpo.Training.Modeling;

/// <summary>
/// The <c>rope_scaling</c> block of a Hugging Face Llama config. Llama 3.1 and later checkpoints use
/// <c>rope_type = "llama3"</c>, which rescales the low rotary frequencies; ignoring it would silently change every
/// attention score of such a checkpoint, so any other type is rejected by <see cref="LlamaConfig.Validate"/>.
/// </summary>
public sealed record RopeScaling
{
    /// <summary><c>rope_type</c>: "default" (no scaling) or "llama3".</summary>
    [JsonPropertyName("rope_type")]
    public string? RopeType { get; init; }

    /// <summary><c>type</c>: the name older configs used for <see cref="RopeType"/>.</summary>
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LegacyType { get; init; }

    /// <summary><c>factor</c>: how much longer the context is than the original training context.</summary>
    [JsonPropertyName("factor")]
    public double Factor { get; init; } = 1;

    /// <summary><c>low_freq_factor</c> of the Llama 3 scaling.</summary>
    [JsonPropertyName("low_freq_factor")]
    public double LowFreqFactor { get; init; } = 1;

    /// <summary><c>high_freq_factor</c> of the Llama 3 scaling.</summary>
    [JsonPropertyName("high_freq_factor")]
    public double HighFreqFactor { get; init; } = 4;

    /// <summary><c>original_max_position_embeddings</c>: the context length the base model was trained with.</summary>
    [JsonPropertyName("original_max_position_embeddings")]
    public int OriginalMaxPositionEmbeddings { get; init; } = 8192;

    /// <summary>The scaling type, whichever of the two field names carried it ("default" when neither did).</summary>
    [JsonIgnore]
    public string EffectiveType => RopeType ?? LegacyType ?? "default";
}
