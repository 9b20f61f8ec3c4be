using Vpo.Training.Export.Schema;
using Vpo.Training.Modeling;
using DataType = Vpo.Training.Export.Schema.TensorProto.Types.DataType;

namespace Vpo.Training.Export;

/// <summary>
/// Builds the ONNX graph of a Llama decoder the way ONNX Runtime GenAI's own model builder does for CPU
/// fp32: packed QKV MatMul into com.microsoft GroupQueryAttention with rotary embedding inside the op,
/// SimplifiedLayerNormalization / SkipSimplifiedLayerNormalization for RMSNorm and residuals, and
/// seqlens_k / total_sequence_length derived from the 2-D attention mask. With GQA the KV cache can
/// be shared in place (past_present_share_buffer) and each row of a padded batch keeps its own length.
/// </summary>
internal static class DecoderGraphBuilder
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";
    public const string PastKeyFormat = "past_key_values.%d.key";
    public const string PastValueFormat = "past_key_values.%d.value";
    public const string PresentKeyFormat = "present.%d.key";
    public const string PresentValueFormat = "present.%d.value";
    private const string MicrosoftDomain = "com.microsoft";

    public static GraphProto Build(LlamaConfig config, IWeightSource weights, ExternalDataWriter? externalData)
    {
        var shape = ExportShape.From(config);
        var graph = new OnnxGraph(externalData);
        DeclareInputsAndOutputs(graph, shape);

        graph.Int64Initializer("/model/constants/INT64/[1]", [1], [1L]);
        graph.Int64Initializer("/model/constants/INT64/1", [], [1L]);
        var (seqlensK, totalSequenceLength) = AttentionMaskToSequenceLengths(graph);
        var (cosCache, sinCache) = RotaryCaches(graph, config, shape);

        var embedding = Weight(weights, "model.embed_tokens.weight", [shape.VocabSize, shape.HiddenSize]);
        graph.FloatInitializer("model.embed_tokens.weight", embedding.Shape, embedding.Values);
        var hidden = graph.Single("Gather", "/model/embed_tokens/Gather", ["model.embed_tokens.weight", InputIds]);

        string residual = hidden;
        string? pendingAdd = null;
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            var prefix = $"model.layers.{layer}";
            var inputNorm = Norm(graph, weights, shape, $"{prefix}.input_layernorm.weight", $"/model/layers.{layer}/input_layernorm",
                pendingAdd, ref residual);

            var attention = Attention(graph, weights, shape, layer, inputNorm, seqlensK, totalSequenceLength, cosCache, sinCache);
            var postNorm = Norm(graph, weights, shape, $"{prefix}.post_attention_layernorm.weight",
                $"/model/layers.{layer}/post_attention_layernorm", attention, ref residual);
            pendingAdd = Mlp(graph, weights, shape, layer, postNorm);
        }

        var finalNorm = Norm(graph, weights, shape, "model.norm.weight", "/model/norm", pendingAdd, ref residual, keepResidual: false);
        var lmHead = shape.TieWordEmbeddings ? embedding : Weight(weights, "lm_head.weight", [shape.VocabSize, shape.HiddenSize]);
        graph.FloatInitializer("lm_head.MatMul.weight", [shape.HiddenSize, shape.VocabSize], Transpose(lmHead));
        graph.Node("MatMul", "/lm_head/MatMul", [finalNorm, "lm_head.MatMul.weight"]);
        graph.Proto.Node[^1].Output[0] = Logits;
        return graph.Proto;
    }

    private static void DeclareInputsAndOutputs(OnnxGraph graph, ExportShape shape)
    {
        graph.Input(InputIds, DataType.Int64, "batch_size", "sequence_length");
        graph.Input(AttentionMask, DataType.Int64, "batch_size", "total_sequence_length");
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            graph.Input(Name(PastKeyFormat, layer), DataType.Float, "batch_size", shape.KvHeads, "past_sequence_length", shape.HeadDim);
            graph.Input(Name(PastValueFormat, layer), DataType.Float, "batch_size", shape.KvHeads, "past_sequence_length", shape.HeadDim);
        }
        graph.Output(Logits, DataType.Float, "batch_size", "sequence_length", shape.VocabSize);
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            graph.Output(Name(PresentKeyFormat, layer), DataType.Float, "batch_size", shape.KvHeads, "total_sequence_length", shape.HeadDim);
            graph.Output(Name(PresentValueFormat, layer), DataType.Float, "batch_size", shape.KvHeads, "total_sequence_length", shape.HeadDim);
        }
    }

    public static string Name(string format, int layer) => format.Replace("%d", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>seqlens_k = (sum of the mask per row) - 1 and total_sequence_length = mask width, both int32.</summary>
    private static (string SeqlensK, string TotalSequenceLength) AttentionMaskToSequenceLengths(OnnxGraph graph)
    {
        const string basename = "/model/attn_mask_reformat/attn_mask_subgraph";
        var sum = graph.Single("ReduceSum", $"{basename}/ReduceSum", [AttentionMask, "/model/constants/INT64/[1]"], "",
            OnnxGraph.Attribute("keepdims", 0L));
        var sub = graph.Single("Sub", $"{basename}/Sub", [sum, "/model/constants/INT64/1"]);
        var seqlensK = graph.Single("Cast", $"{basename}/Sub/Cast", [sub], "", OnnxGraph.Attribute("to", (long)DataType.Int32));
        var maskShape = graph.Single("Shape", $"{basename}/Shape", [AttentionMask]);
        var width = graph.Single("Gather", $"{basename}/Gather", [maskShape, "/model/constants/INT64/1"], "", OnnxGraph.Attribute("axis", 0L));
        var total = graph.Single("Cast", $"{basename}/Gather/Cast", [width], "", OnnxGraph.Attribute("to", (long)DataType.Int32));
        return (seqlensK, total);
    }

    /// <summary>
    /// cos/sin of position * inverse frequency for every position, half the head size wide (GQA's layout). The
    /// frequencies come from the TorchSharp rotary module, so rope scaling and float32 rounding agree.
    /// </summary>
    private static (string Cos, string Sin) RotaryCaches(OnnxGraph graph, LlamaConfig config, ExportShape shape)
    {
        var inverseFrequencies = RotaryEmbedding.InverseFrequencies(config);
        var half = inverseFrequencies.Length;
        var cos = new float[shape.MaxPositions * half];
        var sin = new float[shape.MaxPositions * half];
        for (var position = 0; position < shape.MaxPositions; position++)
        {
            for (var i = 0; i < half; i++)
            {
                var angle = position * inverseFrequencies[i];
                cos[position * half + i] = MathF.Cos(angle);
                sin[position * half + i] = MathF.Sin(angle);
            }
        }
        graph.FloatInitializer("cos_cache", [shape.MaxPositions, half], cos);
        graph.FloatInitializer("sin_cache", [shape.MaxPositions, half], sin);
        return ("cos_cache", "sin_cache");
    }

    /// <summary>
    /// RMSNorm. The first norm of the graph is SimplifiedLayerNormalization; every later one folds the
    /// pending residual add into SkipSimplifiedLayerNormalization, whose fourth output is the new residual.
    /// </summary>
    private static string Norm(OnnxGraph graph, IWeightSource weights, ExportShape shape, string weightName, string name,
        string? pendingAdd, ref string residual, bool keepResidual = true)
    {
        var weight = Weight(weights, weightName, [shape.HiddenSize]);
        graph.FloatInitializer(weightName, weight.Shape, weight.Values);
        var epsilon = OnnxGraph.Attribute("epsilon", (float)shape.RmsNormEps);
        if (pendingAdd is null)
        {
            return graph.Single("SimplifiedLayerNormalization", $"{name}/LayerNorm", [residual, weightName], "",
                epsilon, OnnxGraph.Attribute("axis", -1L), OnnxGraph.Attribute("stash_type", 1L));
        }
        var outputs = graph.Node("SkipSimplifiedLayerNormalization", $"{name}/SkipLayerNorm", [pendingAdd, residual, weightName],
            outputCount: 4, MicrosoftDomain, [epsilon], usedOutputs: [true, false, false, keepResidual]);
        if (keepResidual) residual = outputs[3];
        return outputs[0];
    }

    private static string Attention(OnnxGraph graph, IWeightSource weights, ExportShape shape, int layer, string input,
        string seqlensK, string totalSequenceLength, string cosCache, string sinCache)
    {
        var prefix = $"model.layers.{layer}.self_attn";
        var name = $"/model/layers.{layer}/attn";
        var q = Weight(weights, $"{prefix}.q_proj.weight", [shape.Heads * shape.HeadDim, shape.HiddenSize]);
        var k = Weight(weights, $"{prefix}.k_proj.weight", [shape.KvHeads * shape.HeadDim, shape.HiddenSize]);
        var v = Weight(weights, $"{prefix}.v_proj.weight", [shape.KvHeads * shape.HeadDim, shape.HiddenSize]);
        var packedRows = q.Shape[0] + k.Shape[0] + v.Shape[0];
        var packed = new float[packedRows * shape.HiddenSize];
        q.Values.CopyTo(packed, 0);
        k.Values.CopyTo(packed, q.Values.Length);
        v.Values.CopyTo(packed, q.Values.Length + k.Values.Length);
        var qkvName = $"{prefix}.qkv_proj.MatMul.weight";
        graph.FloatInitializer(qkvName, [shape.HiddenSize, packedRows], Transpose(new WeightTensor([packedRows, shape.HiddenSize], packed)));
        var qkv = graph.Single("MatMul", $"{name}/qkv_proj/MatMul", [input, qkvName]);

        var gqa = graph.Node("GroupQueryAttention", $"{name}/GroupQueryAttention",
            [qkv, "", "", Name(PastKeyFormat, layer), Name(PastValueFormat, layer), seqlensK, totalSequenceLength, cosCache, sinCache],
            outputCount: 3, MicrosoftDomain,
            [
                OnnxGraph.Attribute("num_heads", (long)shape.Heads),
                OnnxGraph.Attribute("kv_num_heads", (long)shape.KvHeads),
                OnnxGraph.Attribute("scale", (float)(1.0 / Math.Sqrt(shape.HeadDim))),
                OnnxGraph.Attribute("do_rotary", 1L),
                OnnxGraph.Attribute("rotary_interleaved", 0L),
                OnnxGraph.Attribute("local_window_size", -1L),
                OnnxGraph.Attribute("softcap", 0f),
            ]);
        var node = graph.Proto.Node[^1];
        node.Output[1] = Name(PresentKeyFormat, layer);
        node.Output[2] = Name(PresentValueFormat, layer);

        var o = Weight(weights, $"{prefix}.o_proj.weight", [shape.HiddenSize, shape.Heads * shape.HeadDim]);
        graph.FloatInitializer($"{prefix}.o_proj.MatMul.weight", [o.Shape[1], o.Shape[0]], Transpose(o));
        return graph.Single("MatMul", $"{name}/o_proj/MatMul", [gqa[0], $"{prefix}.o_proj.MatMul.weight"]);
    }

    /// <summary>SwiGLU: down(silu(gate(x)) * up(x)), with SiLU as x * Sigmoid(x) as the builder emits it.</summary>
    private static string Mlp(OnnxGraph graph, IWeightSource weights, ExportShape shape, int layer, string input)
    {
        var prefix = $"model.layers.{layer}.mlp";
        var name = $"/model/layers.{layer}/mlp";
        string Project(string projection, long outFeatures, long inFeatures, string source)
        {
            var weight = Weight(weights, $"{prefix}.{projection}.weight", [outFeatures, inFeatures]);
            var initializer = $"{prefix}.{projection}.MatMul.weight";
            graph.FloatInitializer(initializer, [inFeatures, outFeatures], Transpose(weight));
            return graph.Single("MatMul", $"{name}/{projection}/MatMul", [source, initializer]);
        }

        var gate = Project("gate_proj", shape.IntermediateSize, shape.HiddenSize, input);
        var up = Project("up_proj", shape.IntermediateSize, shape.HiddenSize, input);
        var sigmoid = graph.Single("Sigmoid", $"{name}/act_fn/Sigmoid", [gate]);
        var silu = graph.Single("Mul", $"{name}/act_fn/Mul", [gate, sigmoid]);
        var product = graph.Single("Mul", $"{name}/Mul", [silu, up]);
        return Project("down_proj", shape.HiddenSize, shape.IntermediateSize, product);
    }

    private static WeightTensor Weight(IWeightSource weights, string name, long[] expectedShape)
    {
        var tensor = weights.Find(name) ?? throw new OnnxExportException($"The checkpoint has no tensor '{name}' (expected shape [{string.Join(", ", expectedShape)}]).");
        if (!tensor.Shape.SequenceEqual(expectedShape))
        {
            throw new OnnxExportException($"Tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}]; the config needs [{string.Join(", ", expectedShape)}].");
        }
        return tensor;
    }

    /// <summary>Hugging Face linear weights are [out, in]; ONNX MatMul wants [in, out].</summary>
    private static float[] Transpose(WeightTensor weight)
    {
        var rows = (int)weight.Shape[0];
        var columns = (int)weight.Shape[1];
        var result = new float[weight.Values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                result[c * rows + r] = weight.Values[r * columns + c];
            }
        }
        return result;
    }
}
