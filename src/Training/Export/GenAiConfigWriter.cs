using System.Text.Json;
using System.Text.Json.Nodes;
using Vpo.Training.Modeling;

namespace Vpo.Training.Export;

/// <summary>
/// Writes genai_config.json in the shape ONNX Runtime GenAI's model builder produces for a Llama decoder,
/// so the service treats our models and builder-converted checkpoints alike.
/// </summary>
internal static class GenAiConfigWriter
{
    public static JsonObject Create(LlamaConfig config, string modelFileName)
    {
        var shape = ExportShape.From(config);
        var eos = EosTokenIds(config);
        return new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["bos_token_id"] = config.BosTokenId,
                ["context_length"] = shape.MaxPositions,
                ["decoder"] = new JsonObject
                {
                    ["session_options"] = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                    ["filename"] = modelFileName,
                    ["head_size"] = shape.HeadDim,
                    ["hidden_size"] = shape.HiddenSize,
                    ["inputs"] = new JsonObject
                    {
                        ["input_ids"] = DecoderGraphBuilder.InputIds,
                        ["attention_mask"] = DecoderGraphBuilder.AttentionMask,
                        ["past_key_names"] = DecoderGraphBuilder.PastKeyFormat,
                        ["past_value_names"] = DecoderGraphBuilder.PastValueFormat,
                    },
                    ["outputs"] = new JsonObject
                    {
                        ["logits"] = DecoderGraphBuilder.Logits,
                        ["present_key_names"] = DecoderGraphBuilder.PresentKeyFormat,
                        ["present_value_names"] = DecoderGraphBuilder.PresentValueFormat,
                    },
                    ["num_attention_heads"] = shape.Heads,
                    ["num_hidden_layers"] = shape.Layers,
                    ["num_key_value_heads"] = shape.KvHeads,
                },
                ["eos_token_id"] = eos.Count == 1 ? JsonValue.Create(eos[0]) : new JsonArray(eos.Select(id => (JsonNode)id).ToArray()),
                // Padding uses the first end token, as the builder does; GenAI right-pads prompts with it.
                ["pad_token_id"] = eos[0],
                ["type"] = "llama",
                ["vocab_size"] = shape.VocabSize,
            },
            ["search"] = new JsonObject
            {
                ["diversity_penalty"] = 0.0,
                ["do_sample"] = false,
                ["early_stopping"] = true,
                ["length_penalty"] = 1.0,
                ["max_length"] = shape.MaxPositions,
                ["min_length"] = 0,
                ["no_repeat_ngram_size"] = 0,
                ["num_beams"] = 1,
                ["num_return_sequences"] = 1,
                ["past_present_share_buffer"] = true,
                ["repetition_penalty"] = 1.0,
                ["temperature"] = 1.0,
                ["top_k"] = 50,
                ["top_p"] = 1.0,
            },
        };
    }

    public static async Task WriteAsync(LlamaConfig config, string modelFileName, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, Create(config, modelFileName), new JsonSerializerOptions { WriteIndented = true }, cancellationToken);
    }

    private static IReadOnlyList<int> EosTokenIds(LlamaConfig config) =>
        config.EosTokenIds is { Count: > 0 } ids ? ids : [config.EosTokenId];
}
