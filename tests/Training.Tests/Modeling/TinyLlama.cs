using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

/// <summary>Tiny Llama shapes and seeded random models the modeling and checkpoint tests build for themselves.</summary>
internal static class TinyLlama
{
    public static LlamaConfig Config(bool tied = false) => new()
    {
        VocabSize = 96,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 128,
        TieWordEmbeddings = tied,
        BosTokenId = 1,
        EosTokenId = 2,
    };

    // A private generator: xunit runs test classes in parallel and they all share torch's global generator.
    public static LlamaForCausalLM Model(LlamaConfig? config = null, long seed = 1234)
    {
        using var generator = new Generator((ulong)seed, CPU);
        return new LlamaForCausalLM(config ?? Config(), generator: generator);
    }

    public static Tensor Ids(params long[][] rows)
    {
        var data = new long[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                data[r, c] = rows[r][c];
            }
        }
        return tensor(data);
    }

    public static float[] Values(Tensor t) => t.cpu().contiguous().data<float>().ToArray();

    public static float MaxAbsDifference(Tensor a, Tensor b)
    {
        using var diff = (a - b).abs().max();
        return diff.item<float>();
    }
}
