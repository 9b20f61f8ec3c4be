using System.Text.Json;
using Vpo.Training.Checkpoints;
using Vpo.Training.Modeling;
using Vpo.Training.Tests.Modeling;
using static TorchSharp.torch;
using Entry = Vpo.Training.Tests.Checkpoints.HandWrittenSafeTensors.Entry;

namespace Vpo.Training.Tests.Checkpoints;

public sealed class LlamaCheckpointTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("vpo-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Folder(string name) => Path.Combine(root, name);

    private static Tensor Logits(LlamaForCausalLM model)
    {
        using var ids = TinyLlama.Ids([1, 9, 33, 70, 4, 95], [1, 60, 2, 2, 18, 40]);
        return model.forward(ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saving_then_loading_gives_identical_logits(bool tied)
    {
        using var original = TinyLlama.Model(TinyLlama.Config(tied));
        var folder = Folder("saved");

        LlamaCheckpoint.Save(original, folder);
        using var loaded = LlamaCheckpoint.Load(folder);

        Assert.Equal(original.Config, loaded.Config);
        using var expected = Logits(original);
        using var actual = Logits(loaded);
        Assert.Equal(0f, TinyLlama.MaxAbsDifference(expected, actual));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Saved_folders_have_the_hugging_face_layout_in_float32(bool tied)
    {
        using var model = TinyLlama.Model(TinyLlama.Config(tied));
        var folder = Folder("layout");

        LlamaCheckpoint.Save(model, folder);

        Assert.Equal(["config.json", "model.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        Assert.Equal("float32", config.RootElement.GetProperty("torch_dtype").GetString());
        Assert.Equal(tied, config.RootElement.GetProperty("tie_word_embeddings").GetBoolean());
        using var reader = SafeTensorsReader.Open(Path.Combine(folder, "model.safetensors"));
        Assert.Equal(model.state_dict().Keys.Order(), reader.Tensors.Keys.Order());
        Assert.Equal(!tied, reader.Tensors.ContainsKey("lm_head.weight"));
        Assert.All(reader.Tensors.Values, info => Assert.Equal("F32", info.DType));
        Assert.Equal("pt", reader.Metadata["format"]);
    }

    [Fact]
    public void Saving_in_shards_writes_an_index_and_loads_back_identically()
    {
        using var original = TinyLlama.Model();
        var folder = Folder("sharded-save");
        LlamaCheckpoint.Save(original, folder);

        LlamaCheckpoint.Save(original, folder, maxShardBytes: 40_000);
        using var loaded = LlamaCheckpoint.Load(folder);

        var shards = Directory.GetFiles(folder, "model-*-of-*.safetensors");
        Assert.True(shards.Length >= 2, $"expected several shards, got {shards.Length}");
        Assert.False(File.Exists(Path.Combine(folder, "model.safetensors")), "the earlier single-file save must be replaced");
        var index = SafeTensorsIndex.Load(Path.Combine(folder, SafeTensorsIndex.FileName));
        Assert.Equal(original.state_dict().Keys.Order(), index.WeightMap.Keys.Order());
        using var expected = Logits(original);
        using var actual = Logits(loaded);
        Assert.Equal(0f, TinyLlama.MaxAbsDifference(expected, actual));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void A_hand_written_hugging_face_folder_loads_with_every_weight_in_place(int shards, bool tied)
    {
        using var source = TinyLlama.Model(TinyLlama.Config(tied), seed: 21);
        var folder = Folder($"hf-{shards}");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, HandWrittenSafeTensors.Entries(source), shards);

        using var loaded = LlamaCheckpoint.Load(folder);

        using var expected = Logits(source);
        using var actual = Logits(loaded);
        Assert.Equal(0f, TinyLlama.MaxAbsDifference(expected, actual));
    }

    [Theory]
    [InlineData("BF16")]
    [InlineData("F16")]
    public void Half_precision_checkpoints_load_as_the_float32_values_they_hold(string dtype)
    {
        using var source = TinyLlama.Model(seed: 3);
        var entries = HandWrittenSafeTensors.Entries(source, dtype);
        var folder = Folder(dtype);
        HandWrittenSafeTensors.WriteFolder(folder, source.Config with { TorchDtype = dtype == "BF16" ? "bfloat16" : "float16" }, entries, shards: 2);

        using var loaded = LlamaCheckpoint.Load(folder);

        var parameters = loaded.state_dict();
        foreach (var entry in entries)
        {
            var actual = parameters[entry.Name];
            Assert.Equal(ScalarType.Float32, actual.dtype);
            Assert.Equal(entry.Values.Select(v => HandWrittenSafeTensors.RoundTrip(v, dtype)), actual.data<float>().ToArray());
        }
        using var exact = Logits(source);
        using var rounded = Logits(loaded);
        var difference = TinyLlama.MaxAbsDifference(exact, rounded);
        Assert.InRange(difference, 1e-7f, 0.05f);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_its_expected_shape()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("missing");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config,
            HandWrittenSafeTensors.Entries(source).Where(e => e.Name != "model.layers.1.mlp.up_proj.weight").ToList());

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal("model.layers.1.mlp.up_proj.weight", error.TensorName);
        Assert.Contains("lacks tensor model.layers.1.mlp.up_proj.weight (expected shape [64, 32])", error.Message);
    }

    [Fact]
    public void An_unexpected_tensor_is_named()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("unexpected");
        var entries = HandWrittenSafeTensors.Entries(source);
        entries.Add(new Entry("model.layers.2.self_attn.q_proj.weight", [32, 32], new float[32 * 32]));
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, entries);

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal("model.layers.2.self_attn.q_proj.weight", error.TensorName);
        Assert.Contains("unexpected tensor model.layers.2.self_attn.q_proj.weight", error.Message);
    }

    [Fact]
    public void A_wrongly_shaped_tensor_is_named_with_both_shapes_before_anything_is_copied()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("shape");
        var entries = HandWrittenSafeTensors.Entries(source)
            .Select(e => e.Name == "model.layers.0.self_attn.k_proj.weight" ? e with { Shape = [32, 16], Values = e.Values[..512] } : e)
            .ToList();
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, entries);

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal("model.layers.0.self_attn.k_proj.weight", error.TensorName);
        Assert.Contains("has shape [32, 16], expected [16, 32]", error.Message);
        Assert.Contains("num_key_value_heads=2", error.Message);
    }

    [Fact]
    public void An_unsupported_dtype_in_a_checkpoint_is_named()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("f8");
        var entries = HandWrittenSafeTensors.Entries(source)
            .Select(e => e.Name == "model.norm.weight" ? e with { DType = "F8_E5M2", Values = e.Values[..16] } : e)
            .ToList();
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, entries);

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal("model.norm.weight", error.TensorName);
        Assert.Contains("F8_E5M2", error.Message);
    }

    [Fact]
    public void A_truncated_shard_is_named()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("truncated");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, HandWrittenSafeTensors.Entries(source), shards: 2);
        var shard = Path.Combine(folder, "model-00002-of-00002.safetensors");
        File.WriteAllBytes(shard, File.ReadAllBytes(shard)[..^100]);

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal(shard, error.Path);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void An_index_that_names_a_missing_shard_is_reported_with_the_shard()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("lost-shard");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, HandWrittenSafeTensors.Entries(source), shards: 3);
        File.Delete(Path.Combine(folder, "model-00003-of-00003.safetensors"));

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Contains("model-00003-of-00003.safetensors", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void An_index_that_misplaces_a_tensor_is_reported()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("misplaced");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, HandWrittenSafeTensors.Entries(source), shards: 2);
        var indexPath = Path.Combine(folder, SafeTensorsIndex.FileName);
        File.WriteAllText(indexPath, File.ReadAllText(indexPath).Replace(
            "\"model.norm.weight\": \"model-00002-of-00002.safetensors\"", "\"model.norm.weight\": \"model-00001-of-00002.safetensors\""));

        var error = Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(folder));

        Assert.Equal("model.norm.weight", error.TensorName);
    }

    [Fact]
    public void Rotary_buffers_from_old_transformers_and_a_redundant_tied_head_are_ignored()
    {
        using var source = TinyLlama.Model(TinyLlama.Config(tied: true));
        var folder = Folder("extras");
        var entries = HandWrittenSafeTensors.Entries(source);
        entries.Add(new Entry("model.layers.0.self_attn.rotary_emb.inv_freq", [4], [1, 0.1f, 0.01f, 0.001f]));
        entries.Add(new Entry("lm_head.weight", [96, 32], entries.Single(e => e.Name == "model.embed_tokens.weight").Values));
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, entries);

        using var loaded = LlamaCheckpoint.Load(folder);

        using var expected = Logits(source);
        using var actual = Logits(loaded);
        Assert.Equal(0f, TinyLlama.MaxAbsDifference(expected, actual));
    }

    [Fact]
    public void Folders_without_weights_or_config_are_rejected_with_what_is_missing()
    {
        var empty = Folder("empty");
        Directory.CreateDirectory(empty);
        var configOnly = Folder("config-only");
        Directory.CreateDirectory(configOnly);
        TinyLlama.Config().Save(Path.Combine(configOnly, "config.json"));

        Assert.Contains("has no config.json", Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(empty)).Message);
        Assert.Contains("neither model.safetensors nor model.safetensors.index.json",
            Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(configOnly)).Message);
        Assert.Contains("does not exist", Assert.Throws<InvalidCheckpointException>(() => LlamaCheckpoint.Load(Folder("nowhere"))).Message);
    }

    [Fact]
    public void Reading_tensors_gives_every_checkpoint_tensor_as_float32()
    {
        using var source = TinyLlama.Model();
        var folder = Folder("read");
        var entries = HandWrittenSafeTensors.Entries(source, "BF16");
        HandWrittenSafeTensors.WriteFolder(folder, source.Config, entries, shards: 2);

        var tensors = LlamaCheckpoint.ReadTensors(folder);
        try
        {
            Assert.Equal(entries.Select(e => e.Name).Order(), tensors.Keys.Order());
            Assert.All(tensors.Values, t => Assert.Equal(ScalarType.Float32, t.dtype));
            Assert.Equal([96L, 32L], tensors["model.embed_tokens.weight"].shape);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
