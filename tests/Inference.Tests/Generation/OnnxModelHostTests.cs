using Microsoft.Extensions.Logging.Abstractions;
using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;

namespace Vpo.Inference.Tests.Generation;

public sealed class OnnxModelHostTests(TinyModel model)
{
    [Fact]
    public void The_prompt_is_the_instruction_in_the_models_chat_template_with_the_assistant_turn_open()
    {
        const string Query = "a corgi surfing -ar 16:9";

        var tokens = model.Host.EncodePrompt(Query);

        var folder = model.Host.Folder;
        Assert.Equal(folder.AddedTokens["<|begin_of_text|>"], tokens[0]);
        Assert.NotEqual(folder.AddedTokens["<|begin_of_text|>"], tokens[1]);
        Assert.Equal(folder.AddedTokens["<|start_header_id|>"], tokens[1]);
        Assert.Equal(1, tokens.Count(token => token == folder.AddedTokens["<|eot_id|>"]));
        // Special tokens are skipped when decoding: what remains is the two role names around the instruction.
        Assert.Equal("user\n\n" + VpoInstruction.Format(Query) + "assistant\n\n", model.Host.Decode(tokens));
    }

    [Fact]
    public void Generation_stops_at_the_end_of_turn_token_and_the_configured_eos_ids()
    {
        var folder = model.Host.Folder;

        Assert.Contains(folder.AddedTokens["<|eot_id|>"], model.Host.StopTokenIds);
        Assert.Contains(folder.AddedTokens["<|end_of_text|>"], model.Host.StopTokenIds);
    }

    [Fact]
    public void The_model_name_defaults_to_the_folder_name()
    {
        Assert.Equal("tiny-llama", model.Host.Name);
        Assert.Equal(4096, model.Host.ContextLength);
    }

    [Fact]
    public void A_chat_the_template_refuses_is_reported_with_the_templates_reason()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyOfTinyModel();
        RefuseSystemTurns(copy);
        using var host = new OnnxModelHost(copy, ExecutionProvider.Cpu, null, NullLogger<OnnxModelHost>.Instance);

        var error = Assert.Throws<ChatTemplateException>(() => host.EncodeChat([new ChatMessage(ChatRole.System, "x"), new ChatMessage(ChatRole.User, "a cat")]));

        Assert.StartsWith("The model's chat template refused the messages: System turns are not supported", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{%", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(host.EncodeChat([new ChatMessage(ChatRole.User, "a cat")]));
    }

    /// <summary>Makes the model folder's chat template raise on a system turn, as many real templates do.</summary>
    private static void RefuseSystemTurns(string modelFolder)
    {
        var path = Path.Combine(modelFolder, "tokenizer_config.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        config["chat_template"] = "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System turns are not supported') }}{% endif %}" +
                                  config["chat_template"]!.GetValue<string>();
        File.WriteAllText(path, config.ToJsonString());
    }

    [Fact]
    public void Intra_op_threads_default_to_every_core_and_an_explicit_count_is_applied()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyOfTinyModel();

        using (var host = new OnnxModelHost(copy, ExecutionProvider.Cpu, null, NullLogger<OnnxModelHost>.Instance))
        {
            Assert.Equal(Environment.ProcessorCount, host.IntraOpThreads);
        }

        using var single = new OnnxModelHost(copy, ExecutionProvider.Cpu, null, NullLogger<OnnxModelHost>.Instance, intraOpThreads: 1);
        Assert.Equal(1, single.IntraOpThreads);
        Assert.NotEmpty(single.EncodePrompt("a cat"));
    }

    [Fact]
    public void The_threads_overlay_is_the_genai_config_path_of_the_decoder_session()
    {
        using var overlay = System.Text.Json.JsonDocument.Parse(OnnxModelHost.SessionThreadsOverlay(3));

        Assert.Equal(3, overlay.RootElement.GetProperty("model").GetProperty("decoder").GetProperty("session_options").GetProperty("intra_op_num_threads").GetInt32());
    }

    [Fact]
    public void A_corrupt_decoder_fails_loading_with_a_message_naming_the_folder()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyOfTinyModel();
        File.WriteAllText(Path.Combine(copy, "model.onnx"), "this is not an onnx model");

        var error = Assert.Throws<ModelLoadException>(() =>
            new OnnxModelHost(copy, ExecutionProvider.Cpu, null, NullLogger<OnnxModelHost>.Instance).Dispose());

        Assert.Contains(copy, error.Message, StringComparison.Ordinal);
        Assert.Contains("could not load", error.Message, StringComparison.Ordinal);
    }
}
