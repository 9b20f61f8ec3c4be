using TorchSharp;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Checkpoints;

/// <summary>
/// Saves and loads <see cref="LlamaForCausalLM"/> in Hugging Face's folder layout: <c>config.json</c> plus either
/// <c>model.safetensors</c> or shards listed in <c>model.safetensors.index.json</c>. Loading takes fp32, fp16 or
/// bf16 weights (converted to float32) and checks every tensor's presence and shape before touching the model.
/// </summary>
public static class LlamaCheckpoint
{
    /// <summary>The config file name in a checkpoint folder.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>The single-file weights name.</summary>
    public const string WeightsFileName = CheckpointWeights.SingleFileName;

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="directory"/> as <c>config.json</c> and float32
    /// <c>model.safetensors</c> with Hugging Face tensor names (no <c>lm_head.weight</c> when the embeddings are
    /// tied). When <paramref name="maxShardBytes"/> is given and the weights are larger, they are split into
    /// <c>model-0000i-of-0000n.safetensors</c> shards with an index, as Hugging Face does. Weight files of an
    /// earlier save in the folder are replaced.
    /// </summary>
    public static void Save(LlamaForCausalLM model, string directory, long? maxShardBytes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (maxShardBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxShardBytes), maxShardBytes, "a shard must hold at least one byte");
        }
        Directory.CreateDirectory(directory);
        RemoveWeightFiles(directory);
        (model.Config with { TorchDtype = "float32" }).Save(Path.Combine(directory, ConfigFileName));

        using var scope = NewDisposeScope();
        var tensors = model.state_dict()
            .Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.detach().to(ScalarType.Float32)))
            .ToList();
        var shards = Shard(tensors, maxShardBytes ?? long.MaxValue);
        if (shards.Count == 1)
        {
            SafeTensorsWriter.Write(Path.Combine(directory, WeightsFileName), tensors);
            return;
        }
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shards.Count; i++)
        {
            var file = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafeTensorsWriter.Write(Path.Combine(directory, file), shards[i]);
            shards[i].ForEach(kv => weightMap[kv.Key] = file);
        }
        new SafeTensorsIndex(weightMap, tensors.Sum(kv => SafeTensorsWriter.DataBytes(kv.Value))).Save(Path.Combine(directory, SafeTensorsIndex.FileName));
    }

    /// <summary>
    /// Loads a Hugging Face Llama folder into a new float32 model on <paramref name="device"/> (CPU by default); the
    /// model's <see cref="LlamaForCausalLM.Config"/> is the folder's config.json. Tensors named
    /// <c>*.rotary_emb.inv_freq</c> (saved by old transformers versions) and, for tied embeddings, a redundant
    /// <c>lm_head.weight</c> are ignored as Hugging Face ignores them.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">A tensor is missing, unexpected or wrongly shaped, a file is truncated or of an unsupported type, or the folder lacks config.json or weights.</exception>
    /// <exception cref="InvalidModelConfigException">config.json is invalid.</exception>
    public static LlamaForCausalLM Load(string directory, Device? device = null)
    {
        var config = LoadConfig(directory);
        using var weights = CheckpointWeights.Open(directory);
        var expected = ExpectedShapes(config);
        Validate(directory, config, weights, expected);

        var model = new LlamaForCausalLM(config, device);
        try
        {
            using var noGrad = no_grad();
            var parameters = model.state_dict();
            foreach (var name in expected.Keys)
            {
                using var tensor = weights.ByTensor[name].Read(name, ScalarType.Float32);
                parameters[name].copy_(tensor);
            }
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every tensor in the checkpoint folder's weight files, as float32 CPU tensors keyed by their names (no check
    /// against a model). The caller owns and disposes the tensors.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">The folder's weight files are missing, truncated, malformed or inconsistent with the index.</exception>
    public static IReadOnlyDictionary<string, Tensor> ReadTensors(string directory)
    {
        using var weights = CheckpointWeights.Open(directory);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, reader) in weights.ByTensor)
            {
                tensors[name] = reader.Read(name, ScalarType.Float32);
            }
            return tensors;
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
            throw;
        }
    }

    private static LlamaConfig LoadConfig(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidCheckpointException(directory, null, $"checkpoint folder {directory} does not exist");
        }
        var configPath = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new InvalidCheckpointException(directory, null, $"checkpoint folder {directory} has no {ConfigFileName}");
        }
        return LlamaConfig.Load(configPath);
    }

    // Names and shapes of the parameters a model of this config has, from a storage-less model on the meta device.
    private static Dictionary<string, long[]> ExpectedShapes(LlamaConfig config)
    {
        using var shapes = new LlamaForCausalLM(config, META);
        return shapes.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape, StringComparer.Ordinal);
    }

    private static void Validate(string directory, LlamaConfig config, CheckpointWeights weights, Dictionary<string, long[]> expected)
    {
        var missing = expected.Keys.Where(name => !weights.ByTensor.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            var first = missing[0];
            var others = missing.Count > 1 ? $" ({missing.Count - 1} more missing: {string.Join(", ", missing.Skip(1).Take(5))}{(missing.Count > 6 ? ", ..." : "")})" : "";
            throw new InvalidCheckpointException(directory, first,
                $"checkpoint {directory} lacks tensor {first} (expected shape {ShapeText(expected[first])}){others}");
        }
        foreach (var (name, reader) in weights.ByTensor)
        {
            var info = reader.Tensors[name];
            if (!expected.TryGetValue(name, out var shape))
            {
                if (IsIgnorable(name, config))
                {
                    continue;
                }
                throw new InvalidCheckpointException(reader.FilePath, name,
                    $"{reader.FilePath} has unexpected tensor {name} {info.ShapeText}: a Llama model with this config.json has no such parameter"
                    + (name == "lm_head.weight" ? "" : $" (expected only names like model.layers.N.self_attn.q_proj.weight, N < {config.NumHiddenLayers})"));
            }
            if (!info.Shape.SequenceEqual(shape))
            {
                throw new InvalidCheckpointException(reader.FilePath, name,
                    $"{reader.FilePath}: tensor {name} has shape {info.ShapeText}, expected {ShapeText(shape)} for config.json "
                    + $"(vocab_size={config.VocabSize}, hidden_size={config.HiddenSize}, intermediate_size={config.IntermediateSize}, "
                    + $"num_attention_heads={config.NumAttentionHeads}, num_key_value_heads={config.NumKeyValueHeads}, head_dim={config.HeadDim})");
            }
        }
    }

    private static bool IsIgnorable(string name, LlamaConfig config) =>
        name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal) || (config.TieWordEmbeddings && name == "lm_head.weight");

    private static List<List<KeyValuePair<string, Tensor>>> Shard(List<KeyValuePair<string, Tensor>> tensors, long maxShardBytes)
    {
        var shards = new List<List<KeyValuePair<string, Tensor>>> { new() };
        long current = 0;
        foreach (var entry in tensors)
        {
            var bytes = SafeTensorsWriter.DataBytes(entry.Value);
            if (current > 0 && current + bytes > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(entry);
            current += bytes;
        }
        return shards;
    }

    private static void RemoveWeightFiles(string directory)
    {
        File.Delete(Path.Combine(directory, WeightsFileName));
        File.Delete(Path.Combine(directory, SafeTensorsIndex.FileName));
        foreach (var shard in Directory.EnumerateFiles(directory, "model-*-of-*.safetensors"))
        {
            File.Delete(shard);
        }
    }

    private static string ShapeText(long[] shape) => $"[{string.Join(", ", shape)}]";
}
