using Vpo.Training.Checkpoints;
using Vpo.Training.Modeling;
using Vpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// Stores <see cref="LlamaForCausalLM"/> weights in checkpoints as Hugging Face folders (config.json +
/// model.safetensors) through <see cref="LlamaCheckpoint"/>, with the tokenizer files beside them, so every
/// checkpoint and the final model can be fine-tuned further or exported as they are.
/// </summary>
/// <param name="tokenizerDirectory">Folder whose tokenizer files are copied into every saved folder, or null.</param>
public sealed class LlamaModelStore(string? tokenizerDirectory) : IModelStore
{
    /// <summary>The tokenizer files copied beside the weights when present.</summary>
    public static readonly IReadOnlyList<string> TokenizerFiles = [HuggingFaceTokenizerWriter.TokenizerFileName, HuggingFaceTokenizerWriter.ConfigFileName];

    /// <inheritdoc />
    public void Save(nn.Module<Tensor, Tensor> model, string directory)
    {
        LlamaCheckpoint.Save(AsLlama(model), directory);
        if (tokenizerDirectory is null)
        {
            return;
        }

        foreach (var file in TokenizerFiles)
        {
            var source = Path.Combine(tokenizerDirectory, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, file), overwrite: true);
            }
        }
    }

    /// <inheritdoc />
    public void LoadInto(nn.Module<Tensor, Tensor> model, string directory)
    {
        var llama = AsLlama(model);
        using var loaded = LlamaCheckpoint.Load(directory, llama.Device);
        if (!loaded.Config.Equals(llama.Config))
        {
            throw new InvalidOperationException($"The checkpoint in {directory} holds a model with a different config.json than the model being trained.");
        }

        using var noGrad = no_grad();
        var target = llama.state_dict();
        foreach (var (name, tensor) in loaded.state_dict())
        {
            target[name].copy_(tensor);
        }
    }

    private static LlamaForCausalLM AsLlama(nn.Module<Tensor, Tensor> model) =>
        model as LlamaForCausalLM ?? throw new ArgumentException($"{nameof(LlamaModelStore)} stores Llama models; got {model?.GetType().Name}.", nameof(model));
}
