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
