using Vpo.Training.Modeling;

namespace Vpo.Training.Tests.Modeling;

public sealed class LlamaConfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vpo-config-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // The published config of Meta-Llama-3-8B-Instruct, which the released VPO checkpoint fine-tunes.
    private const string Llama3InstructConfig = """
        {
          "architectures": ["LlamaForCausalLM"],
          "attention_bias": false,
          "attention_dropout": 0.0,
          "bos_token_id": 128000,
          "eos_token_id": [128001, 128009],
          "hidden_act": "silu",
          "hidden_size": 4096,
          "initializer_range": 0.02,
          "intermediate_size": 14336,
          "max_position_embeddings": 8192,
          "model_type": "llama",
          "num_attention_heads": 32,
          "num_hidden_layers": 32,
          "num_key_value_heads": 8,
          "pretraining_tp": 1,
          "rms_norm_eps": 1e-05,
          "rope_scaling": null,
          "rope_theta": 500000.0,
          "tie_word_embeddings": false,
          "torch_dtype": "bfloat16",
          "transformers_version": "4.40.0.dev0",
          "use_cache": true,
          "vocab_size": 128256
        }
        """;

    [Fact]
    public void Loading_a_hugging_face_llama3_config_reads_every_field()
    {
        var path = Write("config.json", Llama3InstructConfig);

        var config = LlamaConfig.Load(path);

        Assert.Equal(128256, config.VocabSize);
        Assert.Equal(4096, config.HiddenSize);
        Assert.Equal(14336, config.IntermediateSize);
        Assert.Equal(32, config.NumHiddenLayers);
        Assert.Equal(32, config.NumAttentionHeads);
        Assert.Equal(8, config.NumKeyValueHeads);
        Assert.Equal(128, config.HeadDim);
        Assert.Equal(500000.0, config.RopeTheta);
        Assert.Equal(1e-5, config.RmsNormEps);
        Assert.Equal(8192, config.MaxPositionEmbeddings);
        Assert.False(config.TieWordEmbeddings);
        Assert.Equal(128000, config.BosTokenId);
        Assert.Equal([128001, 128009], config.EosTokenIds);
        Assert.Equal(128001, config.EosTokenId);
        Assert.Equal("bfloat16", config.TorchDtype);
        Assert.Null(config.RopeScaling);
    }

    [Fact]
    public void Saving_then_loading_gives_an_equal_config_and_keeps_unknown_fields()
    {
        var original = LlamaConfig.Load(Write("config.json", Llama3InstructConfig));
        var copyPath = Path.Combine(folder, "copy", "config.json");

        original.Save(copyPath);
        var copy = LlamaConfig.Load(copyPath);

        Assert.Equal(original, copy);
        var text = File.ReadAllText(copyPath);
        Assert.Contains("\"transformers_version\": \"4.40.0.dev0\"", text);
        Assert.Contains("\"eos_token_id\": [", text);
        Assert.Contains("\"num_key_value_heads\": 8", text);
    }

    [Fact]
    public void A_single_eos_id_is_written_as_an_integer_like_hugging_face_does()
    {
        var config = TinyLlama.Config() with { EosTokenId = 7 };

        var json = config.ToJson();

        Assert.Contains("\"eos_token_id\": 7,", json);
        Assert.Contains("\"model_type\": \"llama\"", json);
        Assert.Contains("\"LlamaForCausalLM\"", json);
    }

    [Fact]
    public void Key_value_heads_and_head_dim_default_from_attention_heads_when_absent()
    {
        var path = Write("config.json", """
            {"vocab_size": 64, "hidden_size": 48, "intermediate_size": 96, "num_hidden_layers": 1,
             "num_attention_heads": 6, "bos_token_id": 0, "eos_token_id": 1}
            """);

        var config = LlamaConfig.Load(path);

        Assert.Equal(6, config.NumKeyValueHeads);
        Assert.Equal(8, config.HeadDim);
        Assert.Equal(500000.0, config.RopeTheta);
        Assert.Equal(1e-5, config.RmsNormEps);
    }

    [Fact]
    public void Validation_rejects_heads_that_do_not_divide_the_hidden_size()
    {
        var config = TinyLlama.Config() with { NumAttentionHeads = 5, NumKeyValueHeads = 5 };

        var error = Assert.Throws<InvalidModelConfigException>(config.Validate);

        Assert.Equal("num_attention_heads", error.Field);
        Assert.Contains("num_attention_heads=5", error.Message);
        Assert.Contains("hidden_size=32", error.Message);
        Assert.Contains("1, 2, 4, 8, 16, 32", error.Message);
    }

    [Fact]
    public void Validation_rejects_key_value_heads_that_do_not_divide_the_heads()
    {
        var config = TinyLlama.Config() with { NumKeyValueHeads = 3 };

        var error = Assert.Throws<InvalidModelConfigException>(config.Validate);

        Assert.Equal("num_key_value_heads", error.Field);
        Assert.Contains("num_key_value_heads=3", error.Message);
        Assert.Contains("num_attention_heads=4", error.Message);
    }

    public static TheoryData<string> NonPositiveSizes => ["vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers", "max_position_embeddings"];

    [Theory]
    [MemberData(nameof(NonPositiveSizes))]
    public void Validation_rejects_a_non_positive_size_naming_the_field(string field)
    {
        var valid = TinyLlama.Config();
        var config = field switch
        {
            "vocab_size" => valid with { VocabSize = 0 },
            "hidden_size" => valid with { HiddenSize = -32 },
            "intermediate_size" => valid with { IntermediateSize = 0 },
            "num_hidden_layers" => valid with { NumHiddenLayers = 0 },
            _ => valid with { MaxPositionEmbeddings = 0 },
        };

        var error = Assert.Throws<InvalidModelConfigException>(config.Validate);

        Assert.Equal(field, error.Field);
        Assert.Contains($"{field} must be a positive integer", error.Message);
    }

    [Fact]
    public void Validation_rejects_token_ids_outside_the_vocabulary()
    {
        var config = TinyLlama.Config() with { EosTokenIds = [2, 500] };

        var error = Assert.Throws<InvalidModelConfigException>(config.Validate);

        Assert.Equal("eos_token_id", error.Field);
        Assert.Contains("[0, 96)", error.Message);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public void Validation_rejects_rope_scaling_it_cannot_compute()
    {
        var config = TinyLlama.Config() with { RopeScaling = new RopeScaling { RopeType = "yarn", Factor = 4 } };

        var error = Assert.Throws<InvalidModelConfigException>(config.Validate);

        Assert.Equal("rope_scaling.rope_type", error.Field);
        Assert.Contains("\"yarn\"", error.Message);
    }

    [Fact]
    public void Loading_invalid_json_names_the_file_and_line()
    {
        var path = Write("config.json", "{\n  \"vocab_size\": 64,\n  \"hidden_size\": \n}");

        var error = Assert.Throws<InvalidModelConfigException>(() => LlamaConfig.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("line 4", error.Message);
    }

    [Fact]
    public void Loading_a_field_of_the_wrong_type_names_the_field()
    {
        var path = Write("config.json", """{"vocab_size": 64, "hidden_size": "wide"}""");

        var error = Assert.Throws<InvalidModelConfigException>(() => LlamaConfig.Load(path));

        Assert.Contains("hidden_size", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Loading_a_config_with_invalid_values_names_the_file_and_the_field()
    {
        var path = Write("config.json", TinyLlama.Config().ToJson().Replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3"));

        var error = Assert.Throws<InvalidModelConfigException>(() => LlamaConfig.Load(path));

        Assert.Equal("num_key_value_heads", error.Field);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void Loading_a_missing_file_says_which_file()
    {
        var path = Path.Combine(folder, "nowhere", "config.json");

        var error = Assert.Throws<FileNotFoundException>(() => LlamaConfig.Load(path));

        Assert.Contains(path, error.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
