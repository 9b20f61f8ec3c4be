using Vpo.Training.Checkpoints;
using Vpo.Training.Data;
using Vpo.Training.Modeling;
using Vpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary>Creates and loads the models and tokenizers the training commands work on.</summary>
internal static class ModelFolder
{
    /// <summary>The tokenizer saved in a folder (tokenizer.json + tokenizer_config.json).</summary>
    public static async Task<VpoTokenizerChatEncoder> LoadTokenizerAsync(string directory, CancellationToken cancellationToken) =>
        new(await VpoTokenizer.LoadAsync(directory, cancellationToken).ConfigureAwait(false));

    /// <summary>A new model with random weights from a Hugging Face config.json, seeded for a reproducible start.</summary>
    public static LlamaForCausalLM NewModel(string configPath, Device device, int seed)
    {
        var config = LlamaConfig.Load(configPath);
        manual_seed(seed);
        return new LlamaForCausalLM(config, device);
    }

    /// <summary>The model saved in a folder (config.json + safetensors).</summary>
    public static LlamaForCausalLM LoadModel(string directory, Device device)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Model folder {directory} not found.");
        }

        return LlamaCheckpoint.Load(directory, device);
    }

    /// <summary>Checks that the data's ids and lengths fit the model, so a mismatch fails before training instead of inside libtorch.</summary>
    public static void CheckFits(LlamaForCausalLM model, IChatEncoder encoder, int contextLength, int largestTokenId)
    {
        var config = model.Config;
        if (contextLength > config.MaxPositionEmbeddings)
        {
            throw new ArgumentException($"--context-length {contextLength} exceeds the model's max_position_embeddings ({config.MaxPositionEmbeddings}).");
        }

        if (largestTokenId >= config.VocabSize || encoder.EndOfTextId >= config.VocabSize)
        {
            throw new ArgumentException($"The tokenizer produces id {Math.Max(largestTokenId, encoder.EndOfTextId)}, but the model's vocab_size is {config.VocabSize}; use a config.json whose vocab_size covers the tokenizer.");
        }
    }
}
