using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>Stores weights in TorchSharp's own state-dictionary format; works for any module.</summary>
public sealed class TorchSharpModelStore : IModelStore
{
    /// <summary>The weights file inside a checkpoint folder.</summary>
    public const string FileName = "weights.bin";

    /// <inheritdoc />
    public void Save(nn.Module<Tensor, Tensor> model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.save(Path.Combine(directory, FileName));
    }

    /// <inheritdoc />
    public void LoadInto(nn.Module<Tensor, Tensor> model, string directory)
    {
        ArgumentNullException.ThrowIfNull(model);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No model weights at {path}.", path);
        }

        model.load(path);
    }
}
