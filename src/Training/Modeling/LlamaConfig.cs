using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Modeling;

/// <summary>
/// The shape of a Llama-family decoder, read from and written to a Hugging Face <c>config.json</c> (the JSON names
/// are Hugging Face's). Defaults are Llama 3's where Hugging Face has one; sizes have none and must be given.
/// </summary>
public sealed record LlamaConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly int? numKeyValueHeads;
    private readonly int? headDim;

    /// <summary><c>model_type</c>; only "llama" is supported.</summary>
    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "llama";

    /// <summary><c>architectures</c>; Hugging Face picks the model class from it.</summary>
    [JsonPropertyName("architectures")]
    public IReadOnlyList<string> Architectures { get; init; } = ["LlamaForCausalLM"];

    /// <summary><c>vocab_size</c>: rows of the embedding and of the LM head.</summary>
    [JsonPropertyName("vocab_size")]
    public int VocabSize { get; init; }

    /// <summary><c>hidden_size</c>: width of the residual stream.</summary>
    [JsonPropertyName("hidden_size")]
    public int HiddenSize { get; init; }

    /// <summary><c>intermediate_size</c>: width of the SwiGLU MLP.</summary>
    [JsonPropertyName("intermediate_size")]
    public int IntermediateSize { get; init; }

    /// <summary><c>num_hidden_layers</c>: number of decoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")]
    public int NumHiddenLayers { get; init; }

    /// <summary><c>num_attention_heads</c>: query heads per layer.</summary>
    [JsonPropertyName("num_attention_heads")]
    public int NumAttentionHeads { get; init; }

    /// <summary><c>num_key_value_heads</c>: key/value heads per layer (grouped-query attention); defaults to the query heads.</summary>
    [JsonPropertyName("num_key_value_heads")]
    public int NumKeyValueHeads
    {
        get => numKeyValueHeads ?? NumAttentionHeads;
        init => numKeyValueHeads = value;
    }

    /// <summary><c>head_dim</c>: width of one attention head; defaults to hidden_size / num_attention_heads.</summary>
    [JsonPropertyName("head_dim")]
    public int HeadDim
    {
        get => headDim ?? (NumAttentionHeads > 0 ? HiddenSize / NumAttentionHeads : 0);
        init => headDim = value;
    }

    /// <summary><c>rope_theta</c>: base of the rotary frequencies.</summary>
    [JsonPropertyName("rope_theta")]
    public double RopeTheta { get; init; } = 500000;

    /// <summary><c>rope_scaling</c>: absent for Llama 3, "llama3" for Llama 3.1 and later.</summary>
    [JsonPropertyName("rope_scaling")]
    public RopeScaling? RopeScaling { get; init; }

    /// <summary><c>rms_norm_eps</c>: epsilon inside every RMSNorm.</summary>
    [JsonPropertyName("rms_norm_eps")]
    public double RmsNormEps { get; init; } = 1e-5;

    /// <summary><c>max_position_embeddings</c>: the longest sequence (prompt plus generated tokens) the model accepts.</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositionEmbeddings { get; init; } = 8192;

    /// <summary><c>tie_word_embeddings</c>: when true the LM head reuses the embedding matrix and has no weight of its own.</summary>
    [JsonPropertyName("tie_word_embeddings")]
    public bool TieWordEmbeddings { get; init; }

    /// <summary><c>bos_token_id</c>.</summary>
    [JsonPropertyName("bos_token_id")]
    public int BosTokenId { get; init; } = 128000;

    /// <summary><c>eos_token_id</c> as a list: Hugging Face writes either one id or an array of ids.</summary>
    [JsonPropertyName("eos_token_id")]
    [JsonConverter(typeof(TokenIdsJsonConverter))]
    public IReadOnlyList<int> EosTokenIds { get; init; } = [128001];

    /// <summary>The first end-of-sequence id; setting it replaces <see cref="EosTokenIds"/> with this one id.</summary>
    [JsonIgnore]
    public int EosTokenId
    {
        get => EosTokenIds.Count > 0 ? EosTokenIds[0] : -1;
        init => EosTokenIds = [value];
    }

    /// <summary><c>hidden_act</c>; only "silu" (SwiGLU) is supported.</summary>
    [JsonPropertyName("hidden_act")]
    public string HiddenAct { get; init; } = "silu";

    /// <summary><c>attention_bias</c>; Llama has none, so only false is supported.</summary>
    [JsonPropertyName("attention_bias")]
    public bool AttentionBias { get; init; }

    /// <summary><c>mlp_bias</c>; Llama has none, so only false is supported.</summary>
    [JsonPropertyName("mlp_bias")]
    public bool MlpBias { get; init; }

    /// <summary><c>torch_dtype</c>: the element type the weights were saved in.</summary>
    [JsonPropertyName("torch_dtype")]
    public string TorchDtype { get; init; } = "float32";

    /// <summary>Fields this record does not model (e.g. <c>transformers_version</c>), kept so a load/save round trip preserves them.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; init; }

    /// <summary>Throws <see cref="InvalidModelConfigException"/> naming the first field that cannot build a working decoder.</summary>
    public void Validate()
    {
        Require(ModelType == "llama", "model_type", $"model_type must be \"llama\" (got \"{ModelType}\")");
        RequirePositive(VocabSize, "vocab_size");
        RequirePositive(HiddenSize, "hidden_size");
        RequirePositive(IntermediateSize, "intermediate_size");
        RequirePositive(NumHiddenLayers, "num_hidden_layers");
        RequirePositive(NumAttentionHeads, "num_attention_heads");
        RequirePositive(NumKeyValueHeads, "num_key_value_heads");
        if (headDim is null)
        {
            Require(HiddenSize % NumAttentionHeads == 0, "num_attention_heads",
                $"num_attention_heads must divide hidden_size (got num_attention_heads={NumAttentionHeads}, hidden_size={HiddenSize}); "
                + $"use one of {Divisors(HiddenSize)} or set head_dim");
        }
        RequirePositive(HeadDim, "head_dim");
        Require(HeadDim % 2 == 0, "head_dim", $"head_dim must be even so rotary embeddings can pair its dimensions (got {HeadDim})");
        Require(NumAttentionHeads % NumKeyValueHeads == 0, "num_key_value_heads",
            $"num_key_value_heads must divide num_attention_heads (got num_key_value_heads={NumKeyValueHeads}, num_attention_heads={NumAttentionHeads}); "
            + $"use one of {Divisors(NumAttentionHeads)}");
        Require(RopeTheta > 0 && double.IsFinite(RopeTheta), "rope_theta", $"rope_theta must be a positive number (got {Format(RopeTheta)})");
        Require(RmsNormEps > 0 && double.IsFinite(RmsNormEps), "rms_norm_eps", $"rms_norm_eps must be a positive number (got {Format(RmsNormEps)})");
        RequirePositive(MaxPositionEmbeddings, "max_position_embeddings");
        RequireTokenId(BosTokenId, "bos_token_id");
        Require(EosTokenIds.Count > 0, "eos_token_id", "eos_token_id must name at least one token id");
        foreach (var eos in EosTokenIds)
        {
            RequireTokenId(eos, "eos_token_id");
        }
        Require(HiddenAct == "silu", "hidden_act", $"hidden_act must be \"silu\" (got \"{HiddenAct}\")");
        Require(!AttentionBias, "attention_bias", "attention_bias must be false: Llama attention projections have no bias");
        Require(!MlpBias, "mlp_bias", "mlp_bias must be false: Llama MLP projections have no bias");
        ValidateRopeScaling();
    }

    /// <summary>Reads and validates a Hugging Face <c>config.json</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidModelConfigException">The file is not valid JSON, a field has the wrong type, or the values fail <see cref="Validate"/>.</exception>
    public static LlamaConfig Load(string configJsonPath)
    {
        if (!File.Exists(configJsonPath))
        {
            throw new FileNotFoundException($"Model config not found: {configJsonPath}", configJsonPath);
        }
        LlamaConfig? config;
        try
        {
            using var stream = File.OpenRead(configJsonPath);
            config = JsonSerializer.Deserialize<LlamaConfig>(stream, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            throw new InvalidModelConfigException(configJsonPath,
                $"{configJsonPath} is not a valid Llama config.json{where} (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
        if (config is null)
        {
            throw new InvalidModelConfigException(configJsonPath, $"{configJsonPath} holds JSON null, expected a config object");
        }
        try
        {
            config.Validate();
        }
        catch (InvalidModelConfigException ex)
        {
            throw new InvalidModelConfigException(ex.Field, $"{configJsonPath}: {ex.Message}", ex);
        }
        return config;
    }

    /// <summary>Writes this config as a Hugging Face <c>config.json</c>, creating the folder if needed.</summary>
    public void Save(string configJsonPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(configJsonPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(configJsonPath, ToJson());
    }

    /// <summary>This config as indented config.json text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Two configs are equal when they write the same config.json (lists and extra fields compared by value).</summary>
    public bool Equals(LlamaConfig? other) => other is not null && ToJson() == other.ToJson();

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToJson());

    private void ValidateRopeScaling()
    {
        if (RopeScaling is not { } scaling)
        {
            return;
        }
        var type = scaling.EffectiveType;
        Require(type is "default" or "llama3", "rope_scaling.rope_type",
            $"rope_scaling.rope_type must be \"default\" or \"llama3\" (got \"{type}\")");
        if (type != "llama3")
        {
            return;
        }
        Require(scaling.Factor > 0, "rope_scaling.factor", $"rope_scaling.factor must be positive (got {Format(scaling.Factor)})");
        Require(scaling.LowFreqFactor > 0 && scaling.HighFreqFactor > scaling.LowFreqFactor, "rope_scaling.high_freq_factor",
            $"rope_scaling needs 0 < low_freq_factor < high_freq_factor (got {Format(scaling.LowFreqFactor)} and {Format(scaling.HighFreqFactor)})");
        Require(scaling.OriginalMaxPositionEmbeddings > 0, "rope_scaling.original_max_position_embeddings",
            $"rope_scaling.original_max_position_embeddings must be positive (got {scaling.OriginalMaxPositionEmbeddings})");
    }

    private void RequireTokenId(int id, string field) =>
        Require(id >= 0 && id < VocabSize, field, $"{field} must be a token id in [0, {VocabSize}) (got {id})");

    private static void RequirePositive(int value, string field) =>
        Require(value > 0, field, $"{field} must be a positive integer (got {value})");

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new InvalidModelConfigException(field, message);
        }
    }

    private static string Divisors(int n) =>
        string.Join(", ", Enumerable.Range(1, Math.Max(n, 1)).Where(d => n % d == 0).Take(12));

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
