namespace Vpo.Training.Checkpoints;

/// <summary>
/// The weight files of a Hugging Face checkpoint folder, opened and cross-checked: either one
/// <c>model.safetensors</c> or the shards a <c>model.safetensors.index.json</c> lists. Maps every tensor name to
/// the reader that holds it.
/// </summary>
internal sealed class CheckpointWeights : IDisposable
{
    /// <summary>The single-file weights name Hugging Face uses.</summary>
    public const string SingleFileName = "model.safetensors";

    private readonly List<SafeTensorsReader> readers;

    private CheckpointWeights(List<SafeTensorsReader> readers, Dictionary<string, SafeTensorsReader> byTensor)
    {
        this.readers = readers;
        ByTensor = byTensor;
    }

    /// <summary>Every tensor in the checkpoint and the file reader holding it.</summary>
    public IReadOnlyDictionary<string, SafeTensorsReader> ByTensor { get; }

    /// <summary>Opens the weights of <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidCheckpointException">No weights, a missing or corrupt shard, a tensor the index places in the wrong shard, or a tensor in two files.</exception>
    public static CheckpointWeights Open(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidCheckpointException(directory, null, $"checkpoint folder {directory} does not exist");
        }
        var indexPath = Path.Combine(directory, SafeTensorsIndex.FileName);
        var singlePath = Path.Combine(directory, SingleFileName);
        SafeTensorsIndex? index = null;
        List<string> files;
        if (File.Exists(indexPath))
        {
            index = SafeTensorsIndex.Load(indexPath);
            files = index.WeightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            foreach (var file in files)
            {
                if (!File.Exists(Path.Combine(directory, file)))
                {
                    var tensor = index.WeightMap.First(kv => kv.Value == file).Key;
                    throw new InvalidCheckpointException(Path.Combine(directory, file), tensor,
                        $"{indexPath} places tensor {tensor} (and {index.WeightMap.Count(kv => kv.Value == file) - 1} others) in shard {file}, but {Path.Combine(directory, file)} does not exist");
                }
            }
        }
        else if (File.Exists(singlePath))
        {
            files = [SingleFileName];
        }
        else
        {
            var hint = Directory.EnumerateFiles(directory, "*.bin").Any() ? " (PyTorch .bin weights are not supported; convert them to safetensors)" : "";
            throw new InvalidCheckpointException(directory, null, $"checkpoint folder {directory} has neither {SingleFileName} nor {SafeTensorsIndex.FileName}{hint}");
        }

        var readers = new List<SafeTensorsReader>();
        try
        {
            var byTensor = new Dictionary<string, SafeTensorsReader>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var reader = SafeTensorsReader.Open(Path.Combine(directory, file));
                readers.Add(reader);
                foreach (var name in reader.Tensors.Keys)
                {
                    if (byTensor.TryGetValue(name, out var other))
                    {
                        throw new InvalidCheckpointException(reader.FilePath, name, $"tensor {name} is stored twice: in {other.FilePath} and in {reader.FilePath}");
                    }
                    byTensor[name] = reader;
                }
            }
            if (index is not null)
            {
                foreach (var (name, file) in index.WeightMap)
                {
                    if (!byTensor.TryGetValue(name, out var holder) || Path.GetFileName(holder.FilePath) != file)
                    {
                        throw new InvalidCheckpointException(Path.Combine(directory, file), name,
                            $"{indexPath} places tensor {name} in {file}, but {Path.Combine(directory, file)} has no tensor of that name");
                    }
                }
            }
            return new CheckpointWeights(readers, byTensor);
        }
        catch
        {
            readers.ForEach(r => r.Dispose());
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => readers.ForEach(r => r.Dispose());
}
