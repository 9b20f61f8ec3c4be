using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vpo.Training.Checkpoints;

/// <summary>
/// A sharded checkpoint's <c>model.safetensors.index.json</c>: which shard file holds each tensor
/// (<c>weight_map</c>) and the total data size (<c>metadata.total_size</c>), as Hugging Face writes it.
/// </summary>
public sealed record SafeTensorsIndex(IReadOnlyDictionary<string, string> WeightMap, long TotalSize)
{
    /// <summary>The index file name Hugging Face uses for sharded safetensors checkpoints.</summary>
    public const string FileName = "model.safetensors.index.json";

    /// <summary>Reads and checks an index: valid JSON, a weight_map of plain file names inside the folder.</summary>
    /// <exception cref="InvalidCheckpointException">The index is malformed or names a file outside its folder.</exception>
    public static SafeTensorsIndex Load(string indexPath)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(indexPath));
        }
        catch (JsonException ex)
        {
            throw new InvalidCheckpointException(indexPath, null, $"{indexPath} is not valid JSON: {ex.Message}", ex);
        }
        if (root?["weight_map"] is not JsonObject map)
        {
            throw new InvalidCheckpointException(indexPath, null, $"{indexPath} has no \"weight_map\" object mapping tensor names to shard files");
        }
        var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            var file = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (string.IsNullOrEmpty(file) || file != Path.GetFileName(file) || file is "." or "..")
            {
                throw new InvalidCheckpointException(indexPath, name,
                    $"{indexPath} maps tensor {name} to {value?.ToJsonString() ?? "null"}; expected the file name of a shard in the same folder");
            }
            weightMap[name] = file;
        }
        var totalSize = root["metadata"]?["total_size"] is JsonValue total && total.TryGetValue<long>(out var size) ? size : 0;
        return new SafeTensorsIndex(weightMap, totalSize);
    }

    /// <summary>Writes the index as Hugging Face does (<c>metadata.total_size</c> and a sorted <c>weight_map</c>).</summary>
    public void Save(string indexPath)
    {
        var map = new JsonObject();
        foreach (var (name, file) in WeightMap.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            map[name] = file;
        }
        var root = new JsonObject
        {
            ["metadata"] = new JsonObject { ["total_size"] = TotalSize },
            ["weight_map"] = map,
        };
        File.WriteAllText(indexPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
