using Vpo.Training.Checkpoints;
using Vpo.Training.Modeling;
using Vpo.Training.Tests.Evaluation;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Support;

/// <summary>A random model over the fixture tokenizer, saved as the trainers save one (config, safetensors, tokenizer files).</summary>
internal static class SavedTinyModel
{
    public static string Save(TemporaryDirectory folder, bool tied = false)
    {
        var directory = folder.Combine("model");
        var config = LlamaConfig.Load(Path.Combine(TinyModelFolder.Path, "..", "tiny-llama-config.json")) with { TieWordEmbeddings = tied };
        using var generator = new Generator(5, CPU);
        using var model = new LlamaForCausalLM(config, generator: generator);
        LlamaCheckpoint.Save(model, directory);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(TinyModelFolder.Path, file), Path.Combine(directory, file));
        }

        return directory;
    }
}
