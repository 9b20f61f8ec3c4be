using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>Writes a model's weights into a checkpoint folder and reads them back into a model of the same shape.</summary>
public interface IModelStore
{
    /// <summary>Writes the weights (and whatever describes the model) into <paramref name="directory"/>.</summary>
    void Save(nn.Module<Tensor, Tensor> model, string directory);

    /// <summary>Overwrites the weights of <paramref name="model"/> with those saved in <paramref name="directory"/>.</summary>
    void LoadInto(nn.Module<Tensor, Tensor> model, string directory);
}
