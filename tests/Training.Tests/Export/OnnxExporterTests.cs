using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Vpo.Training.Export;
using Vpo.Training.Modeling;

namespace Vpo.Training.Tests.Export;

public sealed class OnnxExporterTests : IDisposable
{
    private readonly DirectoryInfo workspace = Directory.CreateTempSubdirectory("vpo-export-");

    private static LlamaConfig SmallConfig(bool tied = false) => new()
    {
        VocabSize = 96, HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2,
        IntermediateSize = 64, MaxPositionEmbeddings = 128, BosTokenId = 90, EosTokenIds = [94, 91], TieWordEmbeddings = tied,
    };

    private string TokenizerFolder() => TestTokenizerFolder.Write(Path.Combine(workspace.FullName, "tokenizer"));

    [Fact]
    public async Task Export_writes_the_folder_layout_onnx_runtime_genai_loads()
    {
        var config = SmallConfig();
        var output = Path.Combine(workspace.FullName, "model");

        var result = await OnnxExporter.ExportAsync(config, new RandomWeights(config, 7), TokenizerFolder(), output,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(output, "model.onnx")));
        Assert.True(File.Exists(Path.Combine(output, "model.onnx.data")));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer_config.json")));
        Assert.Equal(new FileInfo(Path.Combine(output, "model.onnx.data")).Length, result.ExternalDataBytes);
        var genai = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "genai_config.json")))!;
        Assert.Equal("llama", (string?)genai["model"]!["type"]);
        Assert.Equal(8, (int)genai["model"]!["decoder"]!["head_size"]!);
        Assert.Equal(2, (int)genai["model"]!["decoder"]!["num_key_value_heads"]!);
        Assert.Equal([94, 91], genai["model"]!["eos_token_id"]!.AsArray().Select(n => (int)n!).ToArray());
        Assert.Equal(94, (int)genai["model"]!["pad_token_id"]!);
        Assert.True((bool)genai["search"]!["past_present_share_buffer"]!);
        Assert.Equal(128, (int)genai["search"]!["max_length"]!);

        using var genaiModel = new Microsoft.ML.OnnxRuntimeGenAI.Model(output);
    }

    [Fact]
    public async Task Export_uses_group_query_attention_and_simplified_layer_norm()
    {
        var config = SmallConfig();
        var output = Path.Combine(workspace.FullName, "model");
        await OnnxExporter.ExportAsync(config, new RandomWeights(config, 7), TokenizerFolder(), output,
            cancellationToken: TestContext.Current.CancellationToken);

        var model = Vpo.Training.Export.Schema.ModelProto.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(output, "model.onnx")));
        var opTypes = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(config.NumHiddenLayers, opTypes["GroupQueryAttention"]);
        Assert.Equal(1, opTypes["SimplifiedLayerNormalization"]);
        Assert.Equal(2 * config.NumHiddenLayers, opTypes["SkipSimplifiedLayerNormalization"]);
        Assert.All(model.Graph.Node.Where(n => n.OpType == "GroupQueryAttention"), n => Assert.Equal("com.microsoft", n.Domain));
        Assert.Equal(["input_ids", "attention_mask", "past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key", "past_key_values.1.value"],
            model.Graph.Input.Select(i => i.Name).ToArray());
    }

    [Fact]
    public async Task Export_without_external_data_keeps_weights_inside_model_onnx()
    {
        var config = SmallConfig(tied: true);
        var output = Path.Combine(workspace.FullName, "model");

        var result = await OnnxExporter.ExportAsync(config, new RandomWeights(config, 3), TokenizerFolder(), output,
            new OnnxExportOptions(ExternalData: false), TestContext.Current.CancellationToken);

        Assert.False(File.Exists(Path.Combine(output, "model.onnx.data")));
        Assert.Equal(0, result.ExternalDataBytes);
        using var session = new InferenceSession(Path.Combine(output, "model.onnx"));
        Assert.Contains("logits", session.OutputMetadata.Keys);
    }

    [Fact]
    public async Task Export_rejects_a_missing_tensor_naming_it_and_leaves_no_folder()
    {
        var config = SmallConfig();
        var weights = new RandomWeights(config, 1);
        weights.Remove("model.layers.1.mlp.up_proj.weight");
        var output = Path.Combine(workspace.FullName, "model");

        var error = await Assert.ThrowsAsync<OnnxExportException>(() => OnnxExporter.ExportAsync(config, weights, TokenizerFolder(), output,
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("model.layers.1.mlp.up_proj.weight", error.Message);
        Assert.Contains("[64, 32]", error.Message);
        Assert.False(Directory.Exists(output));
        Assert.Single(workspace.GetDirectories());
    }

    [Fact]
    public async Task Export_rejects_a_wrongly_shaped_tensor_with_both_shapes()
    {
        var config = SmallConfig();
        var weights = new RandomWeights(config, 1);
        weights.Replace("model.layers.0.self_attn.k_proj.weight", new WeightTensor([32, 32], new float[32 * 32]));

        var error = await Assert.ThrowsAsync<OnnxExportException>(() => OnnxExporter.ExportAsync(config, weights, TokenizerFolder(),
            Path.Combine(workspace.FullName, "model"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("model.layers.0.self_attn.k_proj.weight", error.Message);
        Assert.Contains("[32, 32]", error.Message);
        Assert.Contains("[16, 32]", error.Message);
    }

    [Fact]
    public async Task Export_requires_the_tokenizer_files()
    {
        var config = SmallConfig();
        var emptyFolder = Directory.CreateDirectory(Path.Combine(workspace.FullName, "empty")).FullName;

        var error = await Assert.ThrowsAsync<OnnxExportException>(() => OnnxExporter.ExportAsync(config, new RandomWeights(config, 1), emptyFolder,
            Path.Combine(workspace.FullName, "model"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("tokenizer.json", error.Message);
    }

    [Fact]
    public async Task Export_replaces_an_existing_model_folder()
    {
        var config = SmallConfig();
        var output = Path.Combine(workspace.FullName, "model");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "stale.txt"), "old");

        await OnnxExporter.ExportAsync(config, new RandomWeights(config, 1), TokenizerFolder(), output,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(File.Exists(Path.Combine(output, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(output, "model.onnx")));
    }

    public void Dispose() => workspace.Delete(recursive: true);
}
