using TorchSharp;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Export;

/// <summary>Reads export weights from a live TorchSharp model's state dict (float32, on the CPU).</summary>
public sealed class ModuleWeightSource(LlamaForCausalLM model) : IWeightSource
{
    private readonly Dictionary<string, Tensor> stateDict = model.state_dict();

    public WeightTensor? Find(string name)
    {
        if (!stateDict.TryGetValue(name, out var tensor)) return null;
        using var scope = NewDisposeScope();
        var values = tensor.detach().to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
        return new WeightTensor(tensor.shape, values);
    }
}
