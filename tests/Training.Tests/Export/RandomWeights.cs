using Vpo.Training.Export;
using Vpo.Training.Modeling;

namespace Vpo.Training.Tests.Export;

/// <summary>Seeded random weights under Hugging Face names, for export tests that need no TorchSharp.</summary>
internal sealed class RandomWeights : IWeightSource
{
    private readonly Dictionary<string, WeightTensor> tensors = [];

    public RandomWeights(LlamaConfig config, int seed)
    {
        var random = new Random(seed);
        var headDim = config.HeadDim;
        void Add(string name, params long[] shape)
        {
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            var isNorm = shape.Length == 1;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = isNorm ? 1f + (float)(random.NextDouble() - 0.5) * 0.2f : (float)(random.NextDouble() * 2 - 1) * 0.08f;
            }
            tensors[name] = new WeightTensor(shape, values);
        }
        Add("model.embed_tokens.weight", config.VocabSize, config.HiddenSize);
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            var p = $"model.layers.{layer}";
            Add($"{p}.input_layernorm.weight", config.HiddenSize);
            Add($"{p}.self_attn.q_proj.weight", config.NumAttentionHeads * headDim, config.HiddenSize);
            Add($"{p}.self_attn.k_proj.weight", config.NumKeyValueHeads * headDim, config.HiddenSize);
            Add($"{p}.self_attn.v_proj.weight", config.NumKeyValueHeads * headDim, config.HiddenSize);
            Add($"{p}.self_attn.o_proj.weight", config.HiddenSize, config.NumAttentionHeads * headDim);
            Add($"{p}.post_attention_layernorm.weight", config.HiddenSize);
            Add($"{p}.mlp.gate_proj.weight", config.IntermediateSize, config.HiddenSize);
            Add($"{p}.mlp.up_proj.weight", config.IntermediateSize, config.HiddenSize);
            Add($"{p}.mlp.down_proj.weight", config.HiddenSize, config.IntermediateSize);
        }
        Add("model.norm.weight", config.HiddenSize);
        if (!config.TieWordEmbeddings) Add("lm_head.weight", config.VocabSize, config.HiddenSize);
    }

    public WeightTensor? Find(string name) => tensors.GetValueOrDefault(name);

    public void Replace(string name, WeightTensor tensor) => tensors[name] = tensor;

    public void Remove(string name) => tensors.Remove(name);
}
