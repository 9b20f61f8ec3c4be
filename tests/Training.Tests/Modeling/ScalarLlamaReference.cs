using Vpo.Training.Modeling;

namespace Vpo.Training.Tests.Modeling;

/// <summary>
/// A deliberately naive Llama forward pass in plain C# loops (double accumulation, one sequence), written straight
/// from the Hugging Face definition, to check the TorchSharp modules against something that shares no code with them.
/// </summary>
internal sealed class ScalarLlamaReference
{
    private readonly LlamaConfig config;
    private readonly Dictionary<string, float[]> weights = [];

    public ScalarLlamaReference(LlamaForCausalLM model)
    {
        config = model.Config;
        foreach (var (name, tensor) in model.state_dict())
        {
            weights[name] = TinyLlama.Values(tensor);
        }
    }

    public double[][] Logits(IReadOnlyList<int> ids)
    {
        var hidden = config.HiddenSize;
        var embedding = weights["model.embed_tokens.weight"];
        var x = ids.Select(id => Enumerable.Range(0, hidden).Select(j => (double)embedding[id * hidden + j]).ToArray()).ToArray();
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            var prefix = $"model.layers.{layer}.";
            var normed = x.Select(v => Norm(v, weights[prefix + "input_layernorm.weight"])).ToArray();
            var attention = Attention(prefix, normed);
            for (var t = 0; t < x.Length; t++)
            {
                x[t] = Add(x[t], attention[t]);
                var n = Norm(x[t], weights[prefix + "post_attention_layernorm.weight"]);
                var gate = MatVec(weights[prefix + "mlp.gate_proj.weight"], n);
                var up = MatVec(weights[prefix + "mlp.up_proj.weight"], n);
                var product = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
                x[t] = Add(x[t], MatVec(weights[prefix + "mlp.down_proj.weight"], product));
            }
        }
        var head = config.TieWordEmbeddings ? embedding : weights["lm_head.weight"];
        return x.Select(v => MatVec(head, Norm(v, weights["model.norm.weight"]))).ToArray();
    }

    private double[][] Attention(string prefix, double[][] normed)
    {
        int heads = config.NumAttentionHeads, kvHeads = config.NumKeyValueHeads, d = config.HeadDim;
        var q = normed.Select((v, t) => Rotate(MatVec(weights[prefix + "self_attn.q_proj.weight"], v), heads, t)).ToArray();
        var k = normed.Select((v, t) => Rotate(MatVec(weights[prefix + "self_attn.k_proj.weight"], v), kvHeads, t)).ToArray();
        var v = normed.Select(n => MatVec(weights[prefix + "self_attn.v_proj.weight"], n)).ToArray();
        var output = new double[normed.Length][];
        for (var t = 0; t < normed.Length; t++)
        {
            var merged = new double[heads * d];
            for (var h = 0; h < heads; h++)
            {
                var kv = h / (heads / kvHeads);
                var scores = new double[t + 1];
                for (var s = 0; s <= t; s++)
                {
                    for (var i = 0; i < d; i++)
                    {
                        scores[s] += q[t][h * d + i] * k[s][kv * d + i];
                    }
                    scores[s] /= Math.Sqrt(d);
                }
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = exp.Sum();
                for (var s = 0; s <= t; s++)
                {
                    for (var i = 0; i < d; i++)
                    {
                        merged[h * d + i] += exp[s] / sum * v[s][kv * d + i];
                    }
                }
            }
            output[t] = MatVec(weights[prefix + "self_attn.o_proj.weight"], merged);
        }
        return output;
    }

    // Hugging Face's rotate_half pairs dimension i with i + d/2 inside each head.
    private double[] Rotate(double[] projected, int heads, int position)
    {
        var d = config.HeadDim;
        var rotated = (double[])projected.Clone();
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < d / 2; i++)
            {
                var angle = position / Math.Pow(config.RopeTheta, 2.0 * i / d);
                double a = projected[h * d + i], b = projected[h * d + i + d / 2];
                rotated[h * d + i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                rotated[h * d + i + d / 2] = b * Math.Cos(angle) + a * Math.Sin(angle);
            }
        }
        return rotated;
    }

    private double[] Norm(double[] x, float[] weight)
    {
        var rms = Math.Sqrt(x.Select(v => v * v).Average() + config.RmsNormEps);
        return x.Select((v, i) => v / rms * weight[i]).ToArray();
    }

    // Weights are [out, in] row-major, as nn.Linear and Hugging Face store them.
    private static double[] MatVec(float[] weight, double[] x)
    {
        var outputs = weight.Length / x.Length;
        var result = new double[outputs];
        for (var o = 0; o < outputs; o++)
        {
            double sum = 0;
            for (var i = 0; i < x.Length; i++)
            {
                sum += weight[o * x.Length + i] * x[i];
            }
            result[o] = sum;
        }
        return result;
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();
}
